#!/usr/bin/env bash
# Peak memory of the host during a Miniatures import dry run of a large document (build/bench/README.md).
#   build/bench/import-memory.sh
# Environment: IMPORT_MIB (56: document size), IMPORT_TYPES (2000), IMPORT_HOST (build: the Release build
# output | publish: the published host), IMPORT_DRY_RUN (true | false: really import), IMPORT_LIMIT_MB (250: the
# target), BENCH_NO_BUILD=1 (use what is there), BENCH_KEEP=1 (keep the work dir with the document and the host
# log), BENCH_PORT.
# Prints one markdown table on stdout (progress goes to stderr). Exits 1 when something broke (not on a MISS).
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/../.." && pwd)
cd "$root"

target_mib=${IMPORT_MIB:-56}
types=${IMPORT_TYPES:-2000}
host_kind=${IMPORT_HOST:-build}
limit_mb=${IMPORT_LIMIT_MB:-250}
dry_run=${IMPORT_DRY_RUN:-true}
case "$dry_run" in true | false) ;; *) echo "IMPORT_DRY_RUN must be true or false" >&2; exit 1 ;; esac
run_name="dry run"
if [ "$dry_run" = false ]; then run_name=import; fi
password=import-bench-password

# shellcheck source=build/bench/common.sh
source "$bench_dir/common.sh"
host_pid=
command -v curl >/dev/null 2>&1 || die "curl is missing"

case "$host_kind" in publish | build) ;; *) die "IMPORT_HOST must be build or publish" ;; esac
prepare_host "$host_kind"

work=$(mktemp -d /tmp/tracker-import.XXXXXX)
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-}" = 1 ]; then log "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The document: the export format, $types types, each with counts and an equal share of history entries
# (alternating purchases and moves, one minute apart), until the file reaches about $target_mib MiB.
log "generating a ${target_mib} MiB export document with $types types"
entry_bytes=86
per_type=$(((target_mib * 1024 * 1024) / types / entry_bytes))
awk -v types="$types" -v per_type="$per_type" 'BEGIN {
  printf "{\"format\":\"tracker.miniatures\",\"version\":1,\"exportedAt\":\"2026-11-25T09:00:00.000+00:00\",\"types\":["
  for (t = 0; t < types; t++) {
    if (t > 0) printf ","
    printf "{\"id\":\"%08x-0000-4000-8000-%012x\",\"name\":\"Bench Type %05d\",\"createdAt\":\"2020-01-01T00:00:00.000+00:00\",", t + 1, t + 1, t
    printf "\"counts\":{\"IN_BOX\":%d,\"BUILDING\":%d,\"PRIMING\":0,\"PAINTING\":0,\"DONE\":0},\"history\":[", per_type, per_type / 2
    for (h = 0; h < per_type; h++) {
      if (h > 0) printf ","
      minute = h % 60; hour = int(h / 60) % 24; day = int(h / 1440) % 28 + 1
      at = sprintf("2021-02-%02dT%02d:%02d:%02d.000+00:00", day, hour, minute, t % 60)
      if (h % 2 == 0) printf "{\"fromStage\":null,\"toStage\":\"IN_BOX\",\"qty\":2,\"at\":\"%s\"}", at
      else printf "{\"fromStage\":\"IN_BOX\",\"toStage\":\"BUILDING\",\"qty\":1,\"at\":\"%s\"}", at
    }
    printf "]}"
  }
  printf "]}"
}' >"$work/document.json"
document_bytes=$(stat -c %s "$work/document.json")
history_total=$((types * per_type))
log "document: $document_bytes bytes, $history_total history entries"

# shellcheck source=build/free-port.sh
source "$root/build/free-port.sh"
port=${BENCH_PORT:-$(free_port)} || die "no free port"
base=http://127.0.0.1:$port

log "starting the $host_kind host on SQLite at $base"
mkdir -p "$work/data"
(
  cd "$host_dir"
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS=$base
  export DataDirectory="$work/data"
  export Database__Provider=Sqlite
  export Identity__BootstrapAdminPassword=$password
  export Serilog__MinimumLevel__Default=Warning
  exec dotnet Tracker.Host.dll
) >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 600); do
  kill -0 "$host_pid" 2>/dev/null || die "the host exited during start-up"
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/health/ready" 2>/dev/null)" != 200 ] || break
  sleep 0.1
done

peak_mb() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$host_pid/status"; }
# User + system CPU milliseconds the host has used so far: less sensitive than wall time to other load.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$host_pid/stat"; }
token=$(curl -sf "$base/api/v1/identity/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "sign-in failed"
ready_peak=$(peak_mb)
log "host ready, peak RSS so far $ready_peak MB; posting the $run_name"

cpu_before=$(cpu_ms)
started=$(date +%s%N)
status=$(curl -s -o "$work/answer.json" -w '%{http_code}' --max-time 600 "$base/api/v1/miniatures/import?dryRun=$dry_run" \
  -H "Authorization: Bearer $token" -H 'content-type: application/json' --data-binary "@$work/document.json")
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
import_peak=$(peak_mb)
cpu_used=$(($(cpu_ms) - cpu_before))
[ "$status" = 200 ] || die "the $run_name answered $status: $(head -c 600 "$work/answer.json")"
grep -q "\"historyEntriesAdded\":$history_total" "$work/answer.json" || die "unexpected summary: $(cat "$work/answer.json")"
grep -q "\"typesCreated\":$types" "$work/answer.json" || die "unexpected summary: $(cat "$work/answer.json")"
log "answer: $(cat "$work/answer.json")"

verdict=PASS
[ "$import_peak" -lt "$limit_mb" ] || verdict=MISS
echo "| document | history entries | $run_name ms | host CPU ms | peak RSS ready MB | peak RSS after $run_name MB | target < $limit_mb MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | --- |"
echo "| $(awk -v b="$document_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB | $history_total | $elapsed_ms | $cpu_used | $ready_peak | $import_peak | $verdict |"
