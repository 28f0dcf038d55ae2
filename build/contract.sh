#!/usr/bin/env bash
# The OpenAPI contract checks, run by build/test.sh after the build. Starts the built host on a scratch SQLite
# directory, fetches /openapi/v1.json and then:
#   openapi-redocly     @redocly/cli lint (recommended rules, warnings fail)       build/contract/redocly.yaml
#   openapi-spectral    @stoplight/spectral-cli lint with the contract ruleset      build/contract/.spectral.yaml
#   spectral-selftest   each tracker-* rule fires on a document broken for it       build/contract/spectral/selftest.mjs
#   typescript-client   openapi-typescript + openapi-fetch, tsc --strict, scenario  build/contract/typescript-client
#   csharp-client       NSwag 14.7.1 (/runtime:Net100), dotnet build, scenario      build/contract/csharp-client
# Scenario (both clients): sign in as the bootstrap admin, create a type, move miniatures, read its history, create
# the same name again and read the 409's code. Node tools are pinned by build/contract/package-lock.json and
# installed with `npm ci`. Without Node.js every check is reported as skipped (never as passed).
#   build/contract.sh [--trx FILE] [configuration]    (configuration defaults to Release; expects a prior build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
trx=""
if [ "${1:-}" = "--trx" ]; then trx=$2; shift 2; fi
configuration=${1:-Release}
tools=$root/build/contract
checks=(openapi-redocly openapi-spectral spectral-selftest typescript-client csharp-client)
declare -A outcome=()

write_trx() { # the check outcomes as a TRX file that build/test.sh counts like the test suites
  [ -n "$trx" ] || return 0
  local passed=0 failed=0 skipped=0 results="" name result
  for name in "${checks[@]}"; do
    result=${outcome[$name]:-NotExecuted}
    case $result in Passed) passed=$((passed + 1)) ;; Failed) failed=$((failed + 1)) ;; *) skipped=$((skipped + 1)) ;; esac
    results+="    <UnitTestResult testId=\"$(cat /proc/sys/kernel/random/uuid)\" testName=\"contract.$name\" outcome=\"$result\" />"$'\n'
  done
  mkdir -p "$(dirname "$trx")"
  cat >"$trx" <<TRX
<?xml version="1.0" encoding="utf-8"?>
<TestRun id="$(cat /proc/sys/kernel/random/uuid)" name="contract" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Results>
$results  </Results>
  <ResultSummary outcome="Completed">
    <Counters total="${#checks[@]}" executed="$((passed + failed))" passed="$passed" failed="$failed" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="$skipped" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
  </ResultSummary>
</TestRun>
TRX
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "SKIPPED: ${#checks[@]} OpenAPI contract checks (${checks[*]}): Node.js is not installed" >&2
  write_trx
  exit 0
fi

scratch=$(mktemp -d /tmp/tracker-contract.XXXXXX)
host=""
cleanup() {
  [ -z "$host" ] || { kill "$host" 2>/dev/null; wait "$host" 2>/dev/null || true; }
  rm -rf "$scratch"
}
trap 'write_trx; cleanup' EXIT

check() { # name command...: runs one check, records its outcome and never stops the others
  local name=$1; shift
  echo "--- contract: $name"
  if "$@"; then outcome[$name]=Passed; echo "--- contract: $name passed"; else outcome[$name]=Failed; echo "--- contract: $name FAILED" >&2; fi
}

fail_all() { # a failure that stops every check: they count as failed, not as skipped
  echo "$1" >&2
  for name in "${checks[@]}"; do outcome[$name]=Failed; done
  exit 1
}

echo "--- contract: installing the pinned Node tools (npm ci)"
(cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || fail_all "npm ci failed in build/contract"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
bin=$tools/node_modules/.bin

password="contract-admin-$RANDOM$RANDOM"
# shellcheck source=build/free-port.sh
source build/free-port.sh
port=$(free_port) || fail_all "no free loopback port for the host"
base="http://127.0.0.1:$port"
DataDirectory="$scratch/data" Identity__BootstrapAdminPassword="$password" ASPNETCORE_URLS="$base" \
  dotnet "src/Host/bin/$configuration/net10.0/Tracker.Host.dll" >"$scratch/host.log" 2>&1 &
host=$!
for _ in $(seq 1 150); do
  curl -sf "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
document=$scratch/openapi.json
if ! curl -sf "$base/openapi/v1.json" -o "$document"; then
  cat "$scratch/host.log" >&2
  fail_all "the host did not serve its OpenAPI document (its log is above)"
fi

redocly() { # the box about future Node.js versions is noise here
  "$bin/redocly" lint --config "$tools/redocly.yaml" --max-problems 100 "$document" 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' | tee "$scratch/redocly.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] && ! grep -qE '[0-9]+ warnings?' "$scratch/redocly.log"
}

typescript_client() {
  local dir=$tools/typescript-client
  rm -rf "$dir/generated" "$dir/dist"
  # A request field with a default (initialQuantity) is optional; by default openapi-typescript would require it.
  "$bin/openapi-typescript" "$document" --default-non-nullable false -o "$dir/generated/tracker.d.ts" &&
    "$bin/tsc" -p "$dir" &&
    node "$dir/dist/scenario.js" "$base" "$password"
}

csharp_client() {
  local dir=$tools/csharp-client
  rm -rf "$dir/Generated"
  "$bin/nswag" openapi2csclient /runtime:Net100 /input:"$document" /output:"$dir/Generated/TrackerClient.cs" \
      /namespace:Tracker.Contract.Client /className:TrackerClient /jsonLibrary:SystemTextJson \
      /operationGenerationMode:SingleClientFromOperationId /generateClientInterfaces:false /useBaseUrl:true \
      /generateNullableReferenceTypes:true /generateOptionalPropertiesAsNullable:true >"$scratch/nswag.log" 2>&1 \
    || { cat "$scratch/nswag.log" >&2; return 1; }
  dotnet build "$dir/ContractClient.csproj" -c Release -nologo -v q -o "$scratch/csharp-client" &&
    dotnet "$scratch/csharp-client/ContractClient.dll" "$base" "$password"
}

check openapi-redocly redocly
check openapi-spectral "$bin/spectral" lint --fail-severity warn --ruleset "$tools/.spectral.yaml" "$document"
check spectral-selftest node "$tools/spectral/selftest.mjs" "$document" "$scratch"
check typescript-client typescript_client
check csharp-client csharp_client

failed=0
for name in "${checks[@]}"; do [ "${outcome[$name]:-}" = Passed ] || failed=$((failed + 1)); done
echo "OpenAPI contract: $(( ${#checks[@]} - failed )) of ${#checks[@]} checks passed"
[ "$failed" -eq 0 ]
