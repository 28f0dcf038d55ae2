#!/usr/bin/env bash
# The Projects module on PostgreSQL with a portfolio of BENCH_PROJECTS projects x 30 steps x 5 subtasks:
# the Excel export of the whole portfolio, the project list, one project's steps with their subtasks, step status
# updates and the KPI report.
# build/bench/README.md explains it.
#   build/bench/projects.sh
# Environment: BENCH_DURATION (15), BENCH_WARMUP (10), BENCH_DRAIN (3), BENCH_PROJECTS (200), BENCH_NO_BUILD=1,
# BENCH_KEEP=1, BENCH_HOST (build: the Release build, JIT; publish: the ReadyToRun publish), BENCH_POOL (4: the host's
# Npgsql Maximum Pool Size, sized to the database's 2 cores as the README advises; empty: Npgsql's 100). Prints a markdown
# report on stdout; exits 1 only when something broke. Missed targets print MISS.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/../.." && pwd)
cd "$root"

duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-10}
drain=${BENCH_DRAIN:-3}
projects=${BENCH_PROJECTS:-200}
BENCH_POOL=${BENCH_POOL-4}
steps_per_project=30
subtasks_per_step=5

# shellcheck source=build/bench/common.sh
source "$bench_dir/common.sh"
pids=()
command -v wrk >/dev/null 2>&1 || die "wrk is missing (Debian package wrk)"
prepare_host "${BENCH_HOST:-build}"

work=$(mktemp -d /tmp/tracker-benchprojects.XXXXXX)
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  postgres_stop
  if [ "${BENCH_KEEP:-}" = 1 ]; then log "work dir kept: $work"; else rm -rf "$work"; fi
}
# shellcheck source=build/postgres.sh
source "$root/build/postgres.sh"
trap cleanup EXIT
postgres_start || die "PostgreSQL did not start"
db=tracker_bench
psql_on() { local database=$1; shift; "$POSTGRES_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d "$database" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
psql_on postgres -c "CREATE DATABASE $db" || die "could not create database $db"

# A first start makes the module's tables; the portfolio then goes in, and the host that is measured starts on it.
log "making the schema"
start_host schema
wait_ready "$base_schema" "$pid_schema"
kill "$pid_schema" && wait "$pid_schema" 2>/dev/null || true

# The portfolio goes straight into the module's tables (the API would take minutes for 36,000 rows): 4 categories,
# projects with dates and money, steps and subtasks in every status, some overdue.
log "seeding $projects projects x $steps_per_project steps x $subtasks_per_step subtasks"
psql_on "$db" -v projects="$projects" -v steps="$steps_per_project" -v subtasks="$subtasks_per_step" <<'SQL' || die "seeding failed"
INSERT INTO projects.categories (id, name, normalized_name, description, color, sort_order, created_at, version)
SELECT gen_random_uuid(), 'Category ' || c, 'CATEGORY ' || c, NULL, '#336699', c, now(), 1 FROM generate_series(1, 4) c;
INSERT INTO projects.projects (id, category_id, manager_id, code, normalized_code, name, description, status, planned_start, planned_end,
  actual_start, actual_end, planned_budget, contract_price, in_progress_coefficient, created_at, updated_at, version)
SELECT gen_random_uuid(), (SELECT id FROM projects.categories ORDER BY sort_order OFFSET (p % 4) LIMIT 1), NULL,
  'P-' || lpad(p::text, 5, '0'), 'P-' || lpad(p::text, 5, '0'), 'Project ' || p, 'Seeded for the benchmark', p % 7 / 6,
  DATE '2026-01-01' + p, DATE '2026-03-01' + p * 3, NULL, NULL, 1000 * p, 1500 * p, 0.5, now(), now(), 1
FROM generate_series(1, :projects) p;
INSERT INTO projects.steps (id, project_id, name, description, assignee, status, weight, planned_start, planned_end, actual_start, actual_end,
  position, created_at, updated_at, version)
SELECT gen_random_uuid(), p.id, 'Step ' || s, NULL, 'Worker ' || (s % 5), s % 4, 1 + s % 3, DATE '2026-01-01' + s, DATE '2026-01-10' + s * 4,
  NULL, CASE WHEN s % 4 = 3 THEN DATE '2026-01-12' + s * 4 END, s - 1, now(), now(), 1
FROM projects.projects p, generate_series(1, :steps) s;
INSERT INTO projects.subtasks (id, step_id, name, status, weight, planned_start, planned_end, actual_start, actual_end, position, created_at, updated_at, version)
SELECT gen_random_uuid(), s.id, 'Subtask ' || t, (s.position + t) % 4, 1, NULL, NULL, NULL, NULL, t - 1, now(), now(), 1
FROM projects.steps s, generate_series(1, :subtasks) t;
-- What the module keeps on each step for its progress (SubtaskWeightCounts), as its writes would have left it.
UPDATE projects.steps AS s SET subtask_weight = t.total, subtask_done_weight = t.done, subtask_in_progress_weight = t.in_progress
FROM (SELECT step_id, SUM(weight) AS total, SUM(CASE WHEN status = 3 THEN weight ELSE 0 END) AS done,
             SUM(CASE WHEN status = 1 THEN weight ELSE 0 END) AS in_progress
      FROM projects.subtasks GROUP BY step_id) AS t
WHERE t.step_id = s.id;
VACUUM ANALYZE projects.categories, projects.projects, projects.steps, projects.subtasks;
SQL
psql_on "$db" -c "SELECT '/api/v1/projects/projects/' || id || '/steps?limit=$steps_per_project' FROM projects.projects" >"$work/project-paths.txt"
psql_on "$db" -c "SELECT id FROM projects.steps" >"$work/step-ids.txt"

log "starting the host (it counts the seeded projects' progress before it is ready)"
host_started=$(date +%s%N)
start_host a
wait_ready "$base_a" "$pid_a"
ready_ms=$(( ($(date +%s%N) - host_started) / 1000000 ))
kept=$(psql_on "$db" -c "SELECT count(*) FROM projects.project_progress")
[ "$kept" -eq "$projects" ] || die "the host kept the progress of $kept of $projects projects"
psql_on "$db" -c "ANALYZE projects.project_progress"
login=$(curl -sS -X POST "$base_a/api/v1/identity/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}") || die "sign-in request failed"
token=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$login")
[ -n "$token" ] || die "sign-in gave no access token: $login"

echo "/api/v1/projects/projects?limit=50" >"$work/list-path.txt"

run_load() { # name mode conns seconds paths-file ids-file
  BENCH_MODE=$2 BENCH_TOKEN=$token BENCH_SEND_SECONDS=$4 BENCH_PATHS=${5:-} BENCH_IDS=${6:-} \
    wrk -t 2 -c "$3" -d "$(($4 + drain))s" --timeout 30s -s "$bench_dir/load.lua" "$base_a" >"$work/$1.out" 2>"$work/$1.err" \
    || die "wrk failed for $1: $(cat "$work/$1.err")"
  grep -q '^BENCH ' "$work/$1.out" || die "wrk printed no result for $1: $(cat "$work/$1.out" "$work/$1.err")"
}
measure() { # name mode conns paths ids: a warm-up, then the measured load with the CPU it cost
  run_load "$1-warmup" "$2" "$3" "$warmup" "$4" "$5"
  local host0 pg0; host0=$(cpu_ms "$pid_a"); pg0=$(pg_cpu_ms)
  run_load "$1" "$2" "$3" "$duration" "$4" "$5"
  local host1 pg1; host1=$(cpu_ms "$pid_a"); pg1=$(pg_cpu_ms)
  local answered=$(( $(field "$1" ok) + $(field "$1" errors) ))
  printf -v "host_cpu_$1" '%s' "$(awk -v a="$host0" -v b="$host1" -v n="$answered" 'BEGIN { printf "%.2f", n ? (b - a) / n : 0 }')"
  printf -v "pg_cpu_$1" '%s' "$(awk -v a="$pg0" -v b="$pg1" -v n="$answered" 'BEGIN { printf "%.2f", n ? (b - a) / n : 0 }')"
}

# Measured first, on a host that has only started and been signed in to. The process's peak RSS is reset to its
# current RSS just before (clear_refs 5), so that the peak read after is the whole process's during the exports, not
# that of the start-up's count of the portfolio's progress.
log "Excel export of the whole portfolio: 5 sequential requests"
startup_peak_mib=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid_a/status")
echo 5 >"/proc/$pid_a/clear_refs" || die "could not reset the host's peak RSS"
rss_before_export=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid_a/status")
for i in $(seq 1 5); do
  curl -fsS -o "$work/portfolio-$i.xlsx" -w '%{time_total}\n' "$base_a/api/v1/projects/exports/excel" -H "Authorization: Bearer $token" \
    || die "Excel export failed"
done | sort -n >"$work/excel.times"
[ "$(head -c 2 "$work/portfolio-1.xlsx")" = PK ] || die "the Excel export is not a zip package"
excel_p50=$(awk '{ v[NR] = $1 * 1000 } END { printf "%.0f", v[int((NR + 1) / 2)] }' "$work/excel.times")
excel_max=$(awk '{ v = $1 * 1000 } END { printf "%.0f", v }' "$work/excel.times")
excel_kib=$(( $(stat -c %s "$work/portfolio-1.xlsx") / 1024 ))
excel_peak_mib=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid_a/status")
excel_peak_mb=$(awk '/^VmHWM/ { printf "%.0f", $2 * 1024 / 1000000 }' "/proc/$pid_a/status") # the target's MB: 10^6 bytes
log "load: project list, first page of 50 with progress, 16 connections"
measure list get 16 "$work/list-path.txt" ""
log "load: one project's 30 steps with their subtasks, random project, 16 connections"
measure project get 16 "$work/project-paths.txt" ""
log "load: step status updates, random step, 64 connections"
measure status status 64 "" "$work/step-ids.txt"

log "KPI report: 20 sequential requests"
for _ in $(seq 1 20); do
  curl -fsS -o /dev/null -w '%{time_total}\n' "$base_a/api/v1/projects/kpi" -H "Authorization: Bearer $token" || die "KPI request failed"
done | sort -n >"$work/kpi.times"
kpi_p50=$(awk '{ v[NR] = $1 * 1000 } END { printf "%.1f", v[int((NR + 1) / 2)] }' "$work/kpi.times")
kpi_max=$(awk '{ v = $1 * 1000 } END { printf "%.1f", v }' "$work/kpi.times")

status=0
row() { # label name
  local errors=$(( $(field "$2" errors) + $(field "$2" socket_errors) ))
  [ "$errors" -eq 0 ] || status=1
  local host_var="host_cpu_$2" pg_var="pg_cpu_$2"
  printf '| %s | %s | %.0f | %.1f | %.1f | %s | %s | %s |\n' "$1" "$3" "$(field "$2" rps)" "$(field "$2" p50_ms)" \
    "$(field "$2" p99_ms)" "${!host_var}" "${!pg_var}" "$errors"
}
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "<" ? v < t : v >= t); print (ok ? "PASS" : "MISS") }'; }

echo
echo "Tracker Projects benchmark: $projects projects x $steps_per_project steps x $subtasks_per_step subtasks, ${duration}s per load, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| load | conns | req/s | p50 ms | p99 ms | host CPU ms/req | PostgreSQL CPU ms/req | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row "project list, page of 50 with progress" list 16
row "one project's steps with subtasks" project 16
row "step status update" status 64
echo
echo "Start-up on the seeded portfolio (the kept progress of its projects counted first): ${ready_ms} ms to ready"
echo "KPI report over the whole portfolio: median ${kpi_p50} ms, slowest ${kpi_max} ms (20 requests, one at a time)"
echo "Excel export of the whole portfolio: median ${excel_p50} ms, slowest ${excel_max} ms (5 requests, one at a time), ${excel_kib} KiB; host peak RSS during the exports ${excel_peak_mb} MB = ${excel_peak_mib} MiB (${rss_before_export} MiB before the first export; ${startup_peak_mib} MiB peak during start-up and sign-in)"
echo
echo "target project list p99 < 25 ms: $(verdict "$(field list p99_ms)" 25 "<") ($(field list p99_ms) ms)"
echo "target one project p99 < 30 ms: $(verdict "$(field project p99_ms)" 30 "<") ($(field project p99_ms) ms)"
echo "target step status updates >= 1500 req/s: $(verdict "$(field status rps)" 1500 ">=") ($(field status rps))"
echo "target KPI < 100 ms (slowest): $(verdict "$kpi_max" 100 "<") ($kpi_max ms)"
echo "target Excel export < 2 s (slowest): $(verdict "$excel_max" 2000 "<") ($excel_max ms)"
echo "target Excel export peak memory < 200 MB (whole host process, 10^6 bytes): $(verdict "$excel_peak_mb" 200 "<") ($excel_peak_mb MB)"
echo
echo "finished in $(( $(date +%s) - bench_started ))s"
exit "$status"
