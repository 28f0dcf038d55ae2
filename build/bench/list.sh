#!/usr/bin/env bash
# The Miniatures type list on PostgreSQL: throughput of its first page (default size, and the largest) with the CPU
# each request costs, and how soon a move made through one host shows in another host's list.
# build/bench/README.md explains it.
#   build/bench/list.sh
# Environment: BENCH_DURATION (15), BENCH_WARMUP (10), BENCH_DRAIN (3), BENCH_TYPES (1000), BENCH_SAMPLES (30
# cross-instance samples), BENCH_NO_BUILD=1, BENCH_KEEP=1. Prints a markdown report on stdout; exits 1 only when
# something broke (a host did not start, setup failed, a load got errors). Missed targets print MISS.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/../.." && pwd)
cd "$root"

duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-10} # enough requests for the JIT to reach its optimised code even on a busy machine
drain=${BENCH_DRAIN:-3}
types=${BENCH_TYPES:-1000}
samples=${BENCH_SAMPLES:-30}
conns=16
target_rps=1000
p99_target_ms=25
visible_target_ms=100

# shellcheck source=build/bench/common.sh
source "$bench_dir/common.sh"
pids=()
command -v wrk >/dev/null 2>&1 || die "wrk is missing (Debian package wrk)"
command -v python3 >/dev/null 2>&1 || die "python3 is missing (the cross-instance probe)"

prepare_host build

work=$(mktemp -d /tmp/tracker-benchlist.XXXXXX)
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

# A and B: two instances on one database, as deployed.
log "starting hosts A and B"
start_host a
wait_ready "$base_a" "$pid_a" # migrates and seeds first, alone
start_host b
wait_ready "$base_b" "$pid_b"

login=$(curl -sS -X POST "$base_a/api/v1/identity/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}") || die "sign-in request failed"
token=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$login")
[ -n "$token" ] || die "sign-in gave no access token: $login"

log "creating $types types"
for i in $(seq 1 "$types"); do
  [ "$i" -eq 1 ] || echo next
  printf 'url = "%s/api/v1/miniatures/types"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' "$base_a" "$token"
  printf 'data = "{\\"name\\":\\"Type %04d\\",\\"initialQuantity\\":1000000}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$i"
done >"$work/create.curl"
curl -sS --no-progress-meter --parallel --parallel-max 4 -K "$work/create.curl" >"$work/create.codes" || true
created=$(grep -c '^201$' "$work/create.codes" || true)
[ "$created" -eq "$types" ] || die "created $created of $types types"
first_id=$(psql_on "$db" -c "SELECT id FROM miniatures.miniature_types ORDER BY normalized_name LIMIT 1")
psql_on "$db" -c "VACUUM ANALYZE miniatures.miniature_types, miniatures.stage_counts" >/dev/null

run_list() { # name base seconds query
  BENCH_MODE=list BENCH_LIST_QUERY=$4 BENCH_TOKEN=$token BENCH_SEND_SECONDS=$3 \
    wrk -t 2 -c "$conns" -d "$(($3 + drain))s" --timeout 30s -s "$bench_dir/load.lua" "$2" >"$work/$1.out" 2>"$work/$1.err" \
    || die "wrk failed for $1: $(cat "$work/$1.err")"
  grep -q '^BENCH ' "$work/$1.out" || die "wrk printed no result for $1"
}
measure() { # name base pid query: a warm-up, then the measured load with the CPU it cost
  run_list "$1-warmup" "$2" "$warmup" "$4"
  local host0 pg0; host0=$(cpu_ms "$3"); pg0=$(pg_cpu_ms)
  run_list "$1" "$2" "$duration" "$4"
  local host1 pg1; host1=$(cpu_ms "$3"); pg1=$(pg_cpu_ms)
  local answered=$(( $(field "$1" ok) + $(field "$1" errors) ))
  printf -v "host_cpu_$1" '%s' "$(awk -v a="$host0" -v b="$host1" -v n="$answered" 'BEGIN { printf "%.2f", n ? (b - a) / n : 0 }')"
  printf -v "pg_cpu_$1" '%s' "$(awk -v a="$pg0" -v b="$pg1" -v n="$answered" 'BEGIN { printf "%.2f", n ? (b - a) / n : 0 }')"
}

log "load: first page (default size) of $types types on A, $conns connections, ${duration}s"
measure page "$base_a" "$pid_a" ""
log "load: first page of 200 on A, $conns connections, ${duration}s"
measure page200 "$base_a" "$pid_a" "?limit=200"
log "cross-instance: $samples moves through B, each polled on A's list"
python3 "$bench_dir/crossinstance.py" "$base_a" "$base_b" "$token" "$first_id" "$samples" >"$work/cross.out" \
  || die "cross-instance probe failed: $(cat "$work/cross.out")"
cross() { sed -n "s/^BENCH.* $1=\([^ ]*\).*/\1/p" "$work/cross.out"; }

status=0
row() { # label name
  local errors=$(( $(field "$2" errors) + $(field "$2" socket_errors) ))
  [ "$errors" -eq 0 ] || status=1
  local host_var="host_cpu_$2" pg_var="pg_cpu_$2"
  printf '| %s | %s | %.0f | %.1f | %.1f | %s | %s | %s |\n' "$1" "$conns" "$(field "$2" rps)" "$(field "$2" p50_ms)" \
    "$(field "$2" p99_ms)" "${!host_var}" "${!pg_var}" "$errors"
}
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "<" ? v < t : v >= t); print (ok ? "PASS" : "MISS") }'; }

echo
echo "Tracker list benchmark: $types types, ${duration}s per load, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| load | conns | req/s | p50 ms | p99 ms | host CPU ms/req | PostgreSQL CPU ms/req | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row "list, first page of 50 (default)" page
row "list, first page of 200 (limit=200)" page200
echo
echo "move through B visible in A's list: p50 $(cross p50_ms) ms, p99 $(cross p99_ms) ms, max $(cross max_ms) ms ($(cross samples) samples)"
echo
for load in page page200; do
  echo "target $load >= $target_rps req/s: $(verdict "$(field $load rps)" "$target_rps" ">=") ($(field $load rps))"
  echo "target $load p99 < $p99_target_ms ms: $(verdict "$(field $load p99_ms)" "$p99_target_ms" "<") ($(field $load p99_ms) ms)"
done
echo "target cross-instance visibility < $visible_target_ms ms (max): $(verdict "$(cross max_ms)" "$visible_target_ms" "<") ($(cross max_ms) ms)"
echo
echo "finished in $(( $(date +%s) - bench_started ))s"
exit "$status"
