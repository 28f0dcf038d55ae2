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
