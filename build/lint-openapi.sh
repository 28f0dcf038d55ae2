#!/usr/bin/env bash
# Starts the host on a scratch SQLite directory, fetches /openapi/v1.json and lints it with Redocly's
# recommended rules (warnings count as failures). Needs Node.js and the npm registry.
#   build/lint-openapi.sh [configuration]   (default Release; expects a prior build)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${1:-Release}
scratch=$(mktemp -d /tmp/tracker-openapi.XXXXXX)
port=$(( 40000 + RANDOM % 10000 ))
DataDirectory="$scratch/data" Identity__BootstrapAdminPassword="lint-only-password" ASPNETCORE_URLS="http://127.0.0.1:$port" \
  dotnet "src/Host/bin/$configuration/net10.0/Tracker.Host.dll" >"$scratch/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/openapi/v1.json" -o "$scratch/openapi.json" || { cat "$scratch/host.log" >&2; exit 1; }
npx --yes @redocly/cli@2.77.0 lint --max-problems 50 "$scratch/openapi.json" 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' | tee "$scratch/lint.log"
if grep -qE "(error|warning)s?( |$)" "$scratch/lint.log" && ! grep -q "Woohoo! Your API description is valid" "$scratch/lint.log"; then
  echo "OpenAPI lint found problems" >&2
  exit 1
fi
echo "OpenAPI document lints clean"
