#!/usr/bin/env bash
# Start-up time of the host: process start to the first 200 from /health/ready (build/bench/README.md).
#   build/bench/startup.sh
# Environment: STARTUP_RUNS (5), STARTUP_PROVIDER (Sqlite | PostgreSQL), STARTUP_HOST (publish: the
# published host, ReadyToRun; build: the plain Release build output, JIT only), BENCH_NO_BUILD=1 (use the
# existing publish or build output), BENCH_KEEP=1 (keep the work dir with every host log), BENCH_PORT.
# Prints one markdown table on stdout (progress goes to stderr). Exits 1 when a host did not become ready.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/../.." && pwd)
cd "$root"

runs=${STARTUP_RUNS:-5}
provider=${STARTUP_PROVIDER:-Sqlite}
host_kind=${STARTUP_HOST:-publish}
timeout_s=60

# shellcheck source=build/bench/common.sh
source "$bench_dir/common.sh"
host_pid=
case "$provider" in Sqlite | PostgreSQL) ;; *) die "STARTUP_PROVIDER must be Sqlite or PostgreSQL" ;; esac
command -v curl >/dev/null 2>&1 || die "curl is missing"

case "$host_kind" in publish | build) ;; *) die "STARTUP_HOST must be publish or build" ;; esac
prepare_host "$host_kind"

work=$(mktemp -d /tmp/tracker-startup.XXXXXX)
stop_host() {
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  host_pid=
}
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  stop_host
  [ "$provider" != PostgreSQL ] || postgres_stop
  if [ "${BENCH_KEEP:-}" = 1 ]; then log "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

if [ "$provider" = PostgreSQL ]; then
  # shellcheck source=build/postgres.sh
  source "$root/build/postgres.sh"
  postgres_start || die "PostgreSQL did not start"
  psql_admin() { "$POSTGRES_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
fi

# shellcheck source=build/free-port.sh
source "$root/build/free-port.sh"
port=${BENCH_PORT:-$(free_port)} || die "no free port"
base=http://127.0.0.1:$port

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Starts the host on data set $1 (a directory name under the work dir, and the PostgreSQL database name),
# waits for /health/ready to answer 200, prints the milliseconds since the process was started and the CPU
# milliseconds the host had used by then (user + system: less sensitive than wall time to other load), stops it.
start_once() {
  local name=$1 started status elapsed cpu
  if [ "$provider" = PostgreSQL ] && [ ! -d "$work/$name" ]; then
    psql_admin -c "CREATE DATABASE $name" || die "could not create database $name"
  fi
  mkdir -p "$work/$name"
  started=$(now_ms)
  (
    cd "$host_dir"
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS=$base
    export DataDirectory="$work/$name"
    export Database__Provider=$provider
    if [ "$provider" = PostgreSQL ]; then export Database__ConnectionString="${POSTGRES_URL/Database=postgres/Database=$name}"; fi
    export Identity__BootstrapAdminPassword=startup-bench-password
    exec dotnet Tracker.Host.dll
  ) >"$work/host.log" 2>&1 &
  host_pid=$!
  while :; do
    kill -0 "$host_pid" 2>/dev/null || die "the host exited during start-up"
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/health/ready" 2>/dev/null) || true
    elapsed=$(($(now_ms) - started))
    [ "$status" != 200 ] || break
    [ "$elapsed" -lt $((timeout_s * 1000)) ] || die "the host was not ready after $timeout_s s"
    sleep 0.01
  done
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$host_pid/stat")
  cat "$work/host.log" >>"$work/hosts.log"
  stop_host
  echo "$elapsed $cpu"
}

# "median min max" of the numbers on stdin.
summarize() { sort -n | awk '{ v[NR] = $1 } END { printf "%d %d %d", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'; }
# One table row: label, then "wall cpu" pairs.
row() {
  local label=$1; shift
  local wall cpu
  wall=$(printf '%s\n' "$@" | cut -d' ' -f1 | summarize | sed 's/ / | /g')
  cpu=$(printf '%s\n' "$@" | cut -d' ' -f2 | summarize | cut -d' ' -f1)
  echo "| $label | $wall | $cpu |"
}

log "provider $provider, $host_kind host, $runs starts each, at $base"
log "warm-up start (creates the existing data set)"
warm=$(start_once existing)
log "warm-up: ${warm% *} ms (CPU ${warm#* } ms)"

existing=()
for i in $(seq 1 "$runs"); do
  existing+=("$(start_once existing)")
  log "existing data, start $i: ${existing[-1]% *} ms (CPU ${existing[-1]#* } ms)"
done
fresh=()
for i in $(seq 1 "$runs"); do
  fresh+=("$(start_once "fresh$i")")
  log "fresh data, start $i: ${fresh[-1]% *} ms (CPU ${fresh[-1]#* } ms)"
done

echo "| $provider, $host_kind, $runs starts | median ms | min ms | max ms | median CPU ms |"
echo "| --- | ---: | ---: | ---: | ---: |"
row "existing data" "${existing[@]}"
row "fresh data" "${fresh[@]}"
