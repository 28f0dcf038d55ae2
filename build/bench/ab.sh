#!/usr/bin/env bash
# Compares two builds of the host under the same Projects load, on one seeded PostgreSQL, in alternating short runs:
# on a shared machine whose speed drifts from minute to minute, runs of one build after the other differ more than
# the builds do. build/bench/README.md explains it.
#   build/bench/ab.sh <git-ref>            # A: <git-ref> built in a temporary worktree; B: the working tree's build
# Environment: AB_MODE (get: one project's steps, 16 connections; status: step status updates, 64 connections),
# AB_ROUNDS (6), AB_SECONDS (6 per run), BENCH_PROJECTS (200), BENCH_POOL (4), BENCH_NO_BUILD=1 (B as built).
# Prints one line per run and the median of each build's CPU per request.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/../.." && pwd)
cd "$root"
[ $# -eq 1 ] || { echo "usage: $0 <git-ref>" >&2; exit 2; }
mode=${AB_MODE:-get}
rounds=${AB_ROUNDS:-6}
seconds=${AB_SECONDS:-6}
projects=${BENCH_PROJECTS:-200}
BENCH_POOL=${BENCH_POOL-4}
drain=2
case "$mode" in get) conns=16 ;; status) conns=64 ;; *) echo "AB_MODE is get or status" >&2; exit 2 ;; esac

# shellcheck source=build/bench/common.sh
source "$bench_dir/common.sh"
pids=()
command -v wrk >/dev/null 2>&1 || die "wrk is missing (Debian package wrk)"
prepare_host build
host_b=$host_dir
work=$(mktemp -d /tmp/tracker-ab.XXXXXX)
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  postgres_stop
  git -C "$root" worktree remove --force "$work/a" 2>/dev/null || true
  rm -rf "$work"
}
# shellcheck source=build/postgres.sh
source "$root/build/postgres.sh"
trap cleanup EXIT

log "building $1 (A) in a temporary worktree"
git worktree add -q --detach "$work/a" "$1" || die "no such ref: $1"
dotnet build "$work/a/src/Host" -c Release -nologo -v q >&2 || die "build of $1 failed"
host_a=$work/a/src/Host/bin/Release/net10.0

postgres_start || die "PostgreSQL did not start"
db=tracker_bench
psql_on() { local database=$1; shift; "$POSTGRES_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d "$database" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
psql_on postgres -c "CREATE DATABASE $db"
# B makes the schema (A must run on it: compare builds with the same migrations), and the portfolio is the one
# projects.sh seeds.
host_dir=$host_b start_host schema
wait_ready "$base_schema" "$pid_schema"
kill "$pid_schema" && wait "$pid_schema" 2>/dev/null || true
sed -n '/^psql_on "$db" -v projects=/,/^SQL$/p' "$bench_dir/projects.sh" | sed '1d;$d' >"$work/seed.sql"
log "seeding $projects projects x 30 steps x 5 subtasks"
psql_on "$db" -v projects="$projects" -v steps=30 -v subtasks=5 -f "$work/seed.sql" || die "seeding failed"
psql_on "$db" -c "SELECT '/api/v1/projects/projects/' || id || '/steps?limit=30' FROM projects.projects" >"$work/paths.txt"
psql_on "$db" -c "SELECT id FROM projects.steps" >"$work/ids.txt"

host_dir=$host_a start_host a
host_dir=$host_b start_host b
wait_ready "$base_a" "$pid_a"
wait_ready "$base_b" "$pid_b"
login=$(curl -sS -X POST "$base_a/api/v1/identity/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}") || die "sign-in request failed"
token=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$login")
[ -n "$token" ] || die "sign-in gave no access token: $login"

load() { # base seconds
  BENCH_MODE=$mode BENCH_TOKEN=$token BENCH_SEND_SECONDS=$2 BENCH_PATHS=$work/paths.txt BENCH_IDS=$work/ids.txt \
    wrk -t 2 -c "$conns" -d "$(($2 + drain))s" --timeout 30s -s "$bench_dir/load.lua" "$1" >"$work/out" 2>"$work/err" \
    || die "wrk failed: $(cat "$work/err")"
}
log "warming both hosts up"
load "$base_a" 10
load "$base_b" 10

echo "A = $1, B = working tree; $mode, $conns connections, $rounds rounds of ${seconds}s each, alternating which goes first"
for round in $(seq 1 "$rounds"); do
  order="a b"
  [ $((round % 2)) -eq 0 ] && order="b a"
  for x in $order; do
    base_var=base_$x pid_var=pid_$x
    host0=$(cpu_ms "${!pid_var}") pg0=$(pg_cpu_ms)
    load "${!base_var}" "$seconds"
    host1=$(cpu_ms "${!pid_var}") pg1=$(pg_cpu_ms)
    field_line=$(grep '^BENCH ' "$work/out") || die "wrk printed no result: $(cat "$work/out")"
    answered=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<<"$field_line")
    errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$field_line")
    [ "$errors" -eq 0 ] || die "$x answered $errors errors"
    awk -v x="$x" -v r="$round" -v h0="$host0" -v h1="$host1" -v p0="$pg0" -v p1="$pg1" -v n="$answered" \
      -v line="$field_line" 'BEGIN {
        match(line, /rps=[^ ]*/); rps = substr(line, RSTART + 4, RLENGTH - 4)
        match(line, /p99_ms=[^ ]*/); p99 = substr(line, RSTART + 7, RLENGTH - 7)
        printf "round %d %s: host %.3f, PostgreSQL %.3f ms CPU per request, %.0f req/s, p99 %.1f ms\n", r, toupper(x), (h1 - h0) / n, (p1 - p0) / n, rps, p99 }'
  done
done | tee "$work/runs"
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }
for x in A B; do
  echo "$x median: host $(awk -v x="$x:" '$3 == x { print $5 }' "$work/runs" | median), PostgreSQL $(awk -v x="$x:" '$3 == x { print $7 }' "$work/runs" | median) ms CPU per request"
done
