# shellcheck shell=bash
# Sourced by the bench scripts: progress lines, failing with the end of the host logs, and the host to run.
# Expects $root (the repository) to be set.

bench_started=$(date +%s)
log() { printf '== [%3ss] %s\n' "$(( $(date +%s) - bench_started ))" "$*" >&2; }

# The scripts' work directory; its host*.log files are shown when a step fails.
work=
die() {
  printf 'FAILED: %s\n' "$*" >&2
  local host_log
  for host_log in "${work:-/nonexistent}"/host*.log; do
    [ -s "$host_log" ] || continue
    printf -- '--- last lines of %s\n' "$host_log" >&2
    tail -n 40 "$host_log" >&2
  done
  exit 1
}

# prepare_host build|publish: sets host_dir to the Release build output (JIT) or to the ReadyToRun publish,
# building it first unless BENCH_NO_BUILD=1.
prepare_host() {
  case "$1" in
    publish)
      host_dir=$root/src/Host/bin/Release/publish
      if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
        log "publishing the host (Release, ReadyToRun) to $host_dir"
        dotnet publish "$root/src/Host" -c Release -o "$host_dir" -nologo -v q >&2 || die "publish failed"
      fi
      ;;
    build)
      host_dir=$root/src/Host/bin/Release/net10.0
      if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
        log "building the host (Release)"
        dotnet build "$root/src/Host" -c Release -nologo -v q >&2 || die "build failed"
      fi
      ;;
    *) die "the host to run is build or publish, not '$1'" ;;
  esac
  [ -f "$host_dir/Tracker.Host.dll" ] || die "no $1 output at $host_dir (unset BENCH_NO_BUILD)"
}

# --- Hosts on the throwaway PostgreSQL (list.sh, projects.sh, ab.sh). They expect $host_dir, $work, $db, $password,
# $signing_key, a pids array, and build/postgres.sh started ($POSTGRES_URL, $POSTGRES_DIR); BENCH_POOL, when set, is
# the hosts' Maximum Pool Size.
# shellcheck source=build/free-port.sh
source "$(dirname "${BASH_SOURCE[0]}")/../free-port.sh"
password="bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
signing_key=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
start_host() { # name, then extra NAME=value settings; sets base_<name> and pid_<name>
  local name=$1; shift
  local port; port=$(free_port)
  (
    cd "$host_dir"
    export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$port
    export Database__Provider=PostgreSQL Database__ConnectionString="${POSTGRES_URL/Database=postgres/Database=$db}${BENCH_POOL:+;Maximum Pool Size=$BENCH_POOL}"
    export DataDirectory="$work/data-$name" Identity__BootstrapAdminPassword="$password" Identity__SigningKey="$signing_key"
    export Identity__AccessTokenLifetime=02:00:00 Serilog__MinimumLevel__Default=Warning
    for setting in "$@"; do export "${setting?}"; done
    exec dotnet Tracker.Host.dll
  ) >"$work/host-$name.log" 2>&1 &
  pids+=($!)
  printf -v "base_$name" '%s' "http://127.0.0.1:$port"
  printf -v "pid_$name" '%s' "$!"
}
wait_ready() { # base pid
  for _ in $(seq 1 240); do
    kill -0 "$2" 2>/dev/null || die "a host exited during start-up ($1)"
    curl -fsS -o /dev/null "$1/health/ready" 2>/dev/null && return
    sleep 0.5
  done
  die "$1 was not ready after 2 minutes"
}

# CPU time (ms) used so far by a process, and by the whole PostgreSQL cluster (postmaster, live backends, reaped ones).
tick_ms=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')
cpu_ms() { awk -v t="$tick_ms" '{ print ($14 + $15) * t }' "/proc/$1/stat"; }
pg_cpu_ms() {
  local master; master=$(head -n 1 "$POSTGRES_DIR/data/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$master/stat"
    for child in $(pgrep -P "$master"); do awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || true; done
  } | awk -v t="$tick_ms" '{ s += $1 } END { print s * t }'
}

field() { sed -n "s/^BENCH .* $2=\([^ ]*\).*/\1/p" "$work/$1.out"; }
