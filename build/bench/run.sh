#!/usr/bin/env bash
# The load benchmark of the Miniatures API; build/bench/README.md explains the loads and the table.
#   build/bench/run.sh
# Environment: BENCH_DURATION (seconds per measured load, 15), BENCH_WARMUP (3), BENCH_DRAIN (3),
# BENCH_TYPES (1000), BENCH_NO_BUILD=1 (use the existing Release build), BENCH_KEEP=1 (keep the work dir).
# Prints one markdown table on stdout (progress goes to stderr). Exits 1 only when something broke:
# the host did not start or sign-in/setup failed, a load got errors, or an invariant does not hold.
# Missing a performance target prints MISS but still exits 0.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/../.." && pwd)
cd "$root"

duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-3}
drain=${BENCH_DRAIN:-3}
types=${BENCH_TYPES:-1000}
stock=1000000   # miniatures per type in IN_BOX: the API's largest quantity, so qty-1 moves never run out
wrk_threads=2   # one per core of the reference machine
list_conns=16
move_conns=64
list_target_ms=25
move_target_pct=75

# shellcheck source=build/bench/common.sh
source "$bench_dir/common.sh"
host_pid=

# --- tools: wrk from Debian's packages when missing; curl for setup.
if ! command -v wrk >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || die "wrk is missing: install Debian's wrk package (apt-get install wrk)"
  log "installing wrk from Debian's packages"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi
command -v curl >/dev/null 2>&1 || die "curl is missing"

# --- build: Release, as it would be deployed.
prepare_host build

work=$(mktemp -d /tmp/tracker-benchrun.XXXXXX)
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  postgres_stop
  if [ "${BENCH_KEEP:-}" = 1 ]; then log "work dir kept: $work"; else rm -rf "$work"; fi
}

# --- a throwaway PostgreSQL cluster (fsync off: we measure the service, not the disk).
# shellcheck source=build/postgres.sh
source "$root/build/postgres.sh"
trap cleanup EXIT
postgres_start || die "PostgreSQL did not start"
db=tracker_bench
psql_on() { # database, psql args: unaligned, tuples only, stop on the first error
  local database=$1; shift
  "$POSTGRES_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d "$database" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}
psql_db() { psql_on "$db" "$@"; }
psql_on postgres -c "CREATE DATABASE $db" || die "could not create database $db"

# --- the host, in Release, on a free loopback port.
# shellcheck source=build/free-port.sh
source "$root/build/free-port.sh"
port=${BENCH_PORT:-$(free_port)} || die "no free port"
base=http://127.0.0.1:$port
log "starting the host on $base"
(
  cd "$host_dir"
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS=$base
  export Database__Provider=PostgreSQL
  export Database__ConnectionString="${POSTGRES_URL/Database=postgres/Database=$db}"
  export DataDirectory="$work/data"
  export Identity__BootstrapAdminPassword="$password"
  export Identity__AccessTokenLifetime=02:00:00 # one token for the whole run
  export Serilog__MinimumLevel__Default=Warning # request logging would be part of what we measure
  exec dotnet Tracker.Host.dll
) >"$work/host.log" 2>&1 &
host_pid=$!

ready=
for _ in $(seq 1 240); do # up to 2 minutes: start-up includes the migrations
  kill -0 "$host_pid" 2>/dev/null || die "the host exited during start-up"
  if curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || die "the host was not ready after 2 minutes"

login=$(curl -sS -X POST "$base/api/v1/identity/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}") || die "sign-in request failed"
token=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$login")
[ -n "$token" ] || die "sign-in gave no access token: $login"

# --- data: N types with the full stock in IN_BOX, created through the API. One curl process runs them
# 4 at a time from a config file (one section per request), which is far faster than one curl each.
log "creating $types types with $stock miniatures each"
for i in $(seq 1 "$types"); do
  [ "$i" -eq 1 ] || echo next
  printf 'url = "%s/api/v1/miniatures/types"\n' "$base"
  printf 'header = "Authorization: Bearer %s"\n' "$token"
  printf 'header = "Content-Type: application/json"\n'
  printf 'data = "{\\"name\\":\\"Type %04d\\",\\"initialQuantity\\":%d}"\n' "$i" "$stock"
  printf 'output = "/dev/null"\n'
  printf 'write-out = "%%{http_code}\\n"\n'
done >"$work/create.curl"
curl -sS --no-progress-meter --parallel --parallel-max 4 -K "$work/create.curl" >"$work/create.codes" || true
created=$(grep -c '^201$' "$work/create.codes" || true)
[ "$created" -eq "$types" ] || die "created $created of $types types (status codes: $(sort "$work/create.codes" | uniq -c | tr -s ' \n' ' '))"

# The ids, A-Z; the first one ("Type 0001") is the hot type.
psql_db -c "SELECT id FROM miniatures.miniature_types ORDER BY name" >"$work/ids.txt"
[ "$(wc -l <"$work/ids.txt")" -eq "$types" ] || die "expected $types type ids in the database"
listed=0 cursor=
while :; do # the list is paged: follow its cursor, 200 types a page
  page=$(curl -fsS "$base/api/v1/miniatures/types?limit=200${cursor:+&cursor=$cursor}" -H "Authorization: Bearer $token") || die "GET /types failed"
  listed=$((listed + $(grep -o '"total":' <<<"$page" | wc -l)))
  cursor=$(sed -n 's/.*"nextCursor":"\([^"]*\)".*/\1/p' <<<"$page")
  [ -n "$cursor" ] || break
done
[ "$listed" -eq "$types" ] || die "GET /types listed $listed types, expected $types"

# --- wrk loads. Each prints one "BENCH key=value ..." line (load.lua); field NAME KEY reads it.
run_wrk() { # name mode connections seconds
  local name=$1 mode=$2 conns=$3 seconds=$4
  BENCH_MODE=$mode BENCH_TOKEN=$token BENCH_IDS=$work/ids.txt BENCH_SEND_SECONDS=$seconds \
    wrk -t "$wrk_threads" -c "$conns" -d "$((seconds + drain))s" --timeout 30s \
      -s "$bench_dir/load.lua" "$base" >"$work/$name.out" 2>"$work/$name.err" \
    || die "wrk failed for $name: $(cat "$work/$name.err")"
  grep -q '^BENCH ' "$work/$name.out" || die "wrk printed no result for $name: $(cat "$work/$name.out" "$work/$name.err")"
}

log "warm-up: ${warmup}s list, ${warmup}s random moves"
run_wrk warmup-list list "$list_conns" "$warmup"
run_wrk warmup-random random "$move_conns" "$warmup"
log "load: list of $types types, $list_conns connections, ${duration}s"
run_wrk list list "$list_conns" "$duration"
log "load: random moves, $move_conns connections, ${duration}s"
run_wrk random random "$move_conns" "$duration"
log "load: moves on one hot type, $move_conns connections, ${duration}s"
run_wrk hot hot "$move_conns" "$duration"

# Peak resident memory of the host over the whole run (kernel's high-water mark).
peak_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$host_pid/status" 2>/dev/null || echo 0)

# --- pgbench: the same move transaction on scratch copies of the tables (schema bench), so that
# the app's own tables stay exactly as the HTTP loads left them for the invariant checks.
log "pgbench ceiling: $move_conns clients, ${duration}s"
psql_db >/dev/null <<'SQL' || die "could not set up the pgbench tables"
CREATE SCHEMA bench;
CREATE TABLE bench.miniature_types (LIKE miniatures.miniature_types INCLUDING ALL);
CREATE TABLE bench.stage_counts (LIKE miniatures.stage_counts INCLUDING ALL);
CREATE TABLE bench.history_entries (LIKE miniatures.history_entries INCLUDING ALL);
CREATE TABLE bench.outbox_messages (LIKE miniatures.outbox_messages INCLUDING ALL);
-- LIKE copies columns, defaults, identity, checks and indexes but not foreign keys: copy those too,
-- pointed at the bench tables, so each insert/update does the same checks as in the app.
DO $$
DECLARE fk record;
BEGIN
  FOR fk IN
    SELECT c.conname, t.relname, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace
    WHERE s.nspname = 'miniatures' AND c.contype = 'f'
      AND t.relname IN ('miniature_types', 'stage_counts', 'history_entries')
  LOOP
    EXECUTE format('ALTER TABLE bench.%I ADD CONSTRAINT %I %s', fk.relname, fk.conname,
                   replace(fk.def, 'REFERENCES miniatures.', 'REFERENCES bench.'));
  END LOOP;
END $$;
INSERT INTO bench.miniature_types SELECT * FROM miniatures.miniature_types;
INSERT INTO bench.stage_counts (type_id, stage, count)
  SELECT type_id, stage, CASE WHEN stage = 0 THEN 1000000 ELSE 0 END FROM miniatures.stage_counts;
CREATE TABLE bench.type_ids (n integer PRIMARY KEY, id uuid NOT NULL);
INSERT INTO bench.type_ids SELECT row_number() OVER (ORDER BY name), id FROM bench.miniature_types;
VACUUM ANALYZE bench.miniature_types, bench.stage_counts, bench.history_entries, bench.outbox_messages, bench.type_ids;
SQL
"$POSTGRES_BIN/pgbench" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -n -M prepared \
  -c "$move_conns" -j "$wrk_threads" -T "$duration" -D "types=$types" -f "$bench_dir/move.pgbench.sql" "$db" \
  >"$work/pgbench.out" 2>"$work/pgbench.err" || die "pgbench failed: $(cat "$work/pgbench.err")"
tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.out" | head -n 1)
[ -n "$tps" ] || die "pgbench printed no tps: $(cat "$work/pgbench.out")"

# --- invariants on the app's tables.
log "checking invariants"
status=0
check() { # description expected actual
  if [ "$2" = "$3" ]; then
    printf 'OK    %s (%s)\n' "$1" "$3"
  else
    printf 'FAIL  %s: expected %s, got %s\n' "$1" "$2" "$3"
    status=1
  fi
}
moves_ok=0; unanswered=0
for name in warmup-random random hot; do
  moves_ok=$((moves_ok + $(field "$name" ok)))
  unanswered=$((unanswered + $(field "$name" unanswered)))
done
invariants=$(
  check "types in the database" "$types" "$(psql_db -c "SELECT count(*) FROM miniatures.miniature_types")"
  check "stage rows (5 per type)" "$((types * 5))" "$(psql_db -c "SELECT count(*) FROM miniatures.stage_counts")"
  check "stage counts below zero" 0 "$(psql_db -c "SELECT count(*) FROM miniatures.stage_counts WHERE count < 0")"
  check "types whose total is not $stock" 0 "$(psql_db -c "
    SELECT count(*) FROM (SELECT type_id, sum(count) AS total FROM miniatures.stage_counts GROUP BY type_id) t
    WHERE total <> $stock")"
  # Every count must be explained by the history: purchases and moves in, moves out.
  check "stage counts that differ from a replay of the history" 0 "$(psql_db -c "
    WITH flows AS (
      SELECT type_id, to_stage AS stage, qty AS delta FROM miniatures.history_entries
      UNION ALL
      SELECT type_id, from_stage, -qty FROM miniatures.history_entries WHERE from_stage IS NOT NULL),
    replayed AS (SELECT type_id, stage, sum(delta) AS count FROM flows GROUP BY type_id, stage)
    SELECT count(*) FROM miniatures.stage_counts c FULL JOIN replayed r USING (type_id, stage)
    WHERE c.count IS DISTINCT FROM coalesce(r.count, 0)")"
  history=$(psql_db -c "SELECT count(*) FROM miniatures.history_entries WHERE from_stage IS NOT NULL")
  if [ "$unanswered" -eq 0 ]; then
    check "move history rows = 2xx moves counted by wrk" "$moves_ok" "$history"
  else
    # Requests left without an answer (drain too short, or a dropped connection) may or may not have
    # been committed: then only bound the history.
    if [ "$history" -ge "$moves_ok" ] && [ "$history" -le $((moves_ok + unanswered)) ]; then
      check "move history rows within 2xx moves + $unanswered unanswered" "$history" "$history"
    else
      check "move history rows within [$moves_ok, $((moves_ok + unanswered))]" "in range" "$history"
    fi
  fi
  exit "$status"
) || status=1

# --- the report.
load_errors=0
ms() { awk -v v="$1" 'BEGIN { printf "%.1f", v }'; }
row() { # label name conns
  local errors=$(( $(field "$2" errors) + $(field "$2" socket_errors) ))
  load_errors=$((load_errors + errors))
  printf '| %s | %s | %.0f | %s | %s | %s | %s | %s |\n' "$1" "$3" "$(field "$2" rps)" \
    "$(ms "$(field "$2" p50_ms)")" "$(ms "$(field "$2" p99_ms)")" "$(field "$2" ok)" "$(field "$2" rejected)" "$errors"
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0 ? 100 * a / b : 0) }'; }
verdict() { if [ "$1" = 1 ]; then echo PASS; else echo MISS; fi; }

random_pct=$(pct "$(field random rps)" "$tps")
hot_pct=$(pct "$(field hot rps)" "$tps")
list_p99=$(field list p99_ms)
list_ok=$(awk -v v="$list_p99" -v t="$list_target_ms" 'BEGIN { print (v < t) ? 1 : 0 }')
move_ok=$(awk -v v="$random_pct" -v t="$move_target_pct" 'BEGIN { print (v >= t) ? 1 : 0 }')

echo
echo "Tracker benchmark: $types types, ${duration}s per load, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| load | conns | req/s | p50 ms | p99 ms | ok | rejected | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row "list, first page of $types types" list "$list_conns"
row "moves, random type" random "$move_conns"
row "moves, one hot type" hot "$move_conns"
echo
printf 'pgbench ceiling: %.0f tps (%s clients, same move transaction, no HTTP)\n' "$tps" "$move_conns"
echo "moves (random) = ${random_pct}% of ceiling"
echo "moves (hot) = ${hot_pct}% of ceiling"
echo "host peak memory: $((peak_kb / 1024)) MiB (VmHWM)"
echo
echo "target list p99 < ${list_target_ms} ms: $(verdict "$list_ok") ($(ms "$list_p99") ms)"
echo "target moves (random) >= ${move_target_pct}% of ceiling: $(verdict "$move_ok") (${random_pct}%)"
echo
echo "invariants:"
echo "$invariants"
if [ "$load_errors" -gt 0 ]; then
  echo "FAIL  $load_errors requests failed under load; first ones:"
  cat "$work"/{list,random,hot}.err
  status=1
fi
echo
echo "finished in $(( $(date +%s) - bench_started ))s"
exit "$status"
