#!/usr/bin/env bash
# The test command: builds with warnings as errors, runs the tests that need no database (unit and architecture
# tests) once, then the integration tests on SQLite and on a throwaway PostgreSQL cluster (installed from Debian's
# packages when missing). Ends with "N passed, N failed, N skipped", counted from the TRX files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results=$(mktemp -d /tmp/tracker-results.XXXXXX)
# shellcheck source=build/postgres.sh
source build/postgres.sh
unset POSTGRES_DIR # only ever stop the cluster this script started
trap 'postgres_stop; rm -rf "$results"' EXIT

dotnet tool restore >/dev/null
dotnet build Tracker.sln -c Release -warnaserror -nologo -v q
dotnet format Tracker.sln --verify-no-changes --no-restore -v q
# The OpenAPI contract (lint, ruleset, two generated clients against a live host): its checks are written as a TRX
# file and counted with the tests below; without Node.js they count as skipped.
status=0
./build/contract.sh --trx "$results/Contract_checks.trx" Release || status=1

# Every test project; those named *IntegrationTests run against a database, once per provider.
once=(); per_provider=()
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  case $(basename "$project" .csproj) in
    *IntegrationTests) per_provider+=("$project") ;;
    *) once+=("$project") ;;
  esac
done

suites=()
run_tests() { # label project [VAR=value...]
  local label=$1 project=$2; shift 2
  suites+=("$label")
  echo "=== $label ==="
  set +e
  env "$@" dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFilePrefix=$label" --results-directory "$results" 2>&1 | tee "$results/$label.log"
  local code=${PIPESTATUS[0]}
  set -e
  return "$code"
}

for project in "${once[@]}"; do
  run_tests "$(basename "$project" .csproj)" "$project" || status=1
done

postgres_start
for provider in Sqlite PostgreSQL; do
  for project in "${per_provider[@]}"; do
    run_tests "$(basename "$project" .csproj)-$provider" "$project" \
      "TRACKER_TEST_PROVIDER=$provider" "TRACKER_TEST_POSTGRES=$POSTGRES_URL" || status=1
  done
done

# Count outcomes from the TRX files, so that a suite that executed nothing (or never reported) is visible.
counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
passed=0; failed=0; skipped=0
for label in Contract "${suites[@]}"; do
  executed=0
  for trx in "$results/${label}"_*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    # VSTest leaves skipped tests out of every outcome counter (notExecuted stays 0): they are the rest of the total.
    p=$(counter passed "$counters"); f=$(counter failed "$counters"); t=$(counter total "$counters")
    s=$((${t:-0} - ${p:-0} - ${f:-0}))
    executed=$((executed + ${p:-0} + ${f:-0}))
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  done
  if [ "$executed" -eq 0 ] && [ "$label" != Contract ]; then # the contract checks may all be skipped (no Node.js)
    echo "$label: no test was executed" >&2
    status=1
  fi
done
if [ "$passed" -eq 0 ]; then
  echo "no test was executed" >&2
  status=1
fi
[ "$failed" -eq 0 ] || status=1
cd "$root"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
