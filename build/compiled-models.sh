#!/usr/bin/env bash
# Regenerates a module's compiled EF Core models, one per provider context, under Data/CompiledModels/<Provider>.
# A compiled model spares the host from building the model at start-up (see build/bench/README.md); it must be
# regenerated whenever the model changes, which build/add-migration.sh does, and CompiledModelTests fail when one
# is stale.
#   build/compiled-models.sh Identity [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
module=${1:?module name, e.g. Identity}
project="src/Modules/$module/Tracker.Modules.$module/Tracker.Modules.$module.csproj"
output="src/Modules/$module/Tracker.Modules.$module/Data/CompiledModels"
dotnet tool restore >/dev/null
[ "${2:-}" = --no-build ] || dotnet build "$project" -v q -nologo
rm -rf "$output"
for provider in Sqlite PostgreSql SqlServer; do
  dotnet ef dbcontext optimize --no-build \
    --project "$project" --startup-project "$project" \
    --context "${module}${provider}DbContext" \
    --output-dir "Data/CompiledModels/$provider" \
    --namespace "Tracker.Modules.$module.Data.CompiledModels.$provider"
done
# Generated code is a module internal like everything else.
grep -rl "public partial class" "$output" | xargs sed -i 's/public partial class/internal partial class/'
