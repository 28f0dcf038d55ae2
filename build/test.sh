#!/usr/bin/env bash
# The test command: builds with warnings as errors, then runs every test on SQLite and on a throwaway
# PostgreSQL cluster (installed from Debian's packages when missing). Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results=$(mktemp -d /tmp/tracker-results.XXXXXX)

dotnet tool restore >/dev/null
dotnet build Tracker.sln -c Release -warnaserror -nologo -v q
dotnet format Tracker.sln --verify-no-changes --no-restore -v q
if command -v npx >/dev/null 2>&1; then
  ./build/lint-openapi.sh Release
else
  echo "Node.js is not installed: skipping the OpenAPI lint (build/lint-openapi.sh)" >&2
fi

# shellcheck source=build/postgres.sh
source build/postgres.sh
postgres_start
trap 'postgres_stop; rm -rf "$results"' EXIT

run_suite() { # provider
  local provider=$1
  echo "=== tests on $provider ==="
  set +e
  TRACKER_TEST_PROVIDER=$provider TRACKER_TEST_POSTGRES=$POSTGRES_URL \
    dotnet test Tracker.sln -c Release --no-build --nologo \
      --logger "trx;LogFilePrefix=$provider" --results-directory "$results" 2>&1 | tee "$results/$provider.log"
  local code=${PIPESTATUS[0]}
  set -e
  return "$code"
}

status=0
run_suite Sqlite || status=1
run_suite PostgreSQL || status=1

# Count outcomes from the TRX files so that a run that executed nothing is visible.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done
if [ "$passed" -eq 0 ]; then
  echo "no test was executed" >&2
  status=1
fi
[ "$failed" -eq 0 ] || status=1
cd "$root"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
