#!/usr/bin/env bash
# Adds a migration to one module for all three providers.
#   build/add-migration.sh Identity AddSomething
# and regenerates the module's compiled models (build/compiled-models.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
module=${1:?module name, e.g. Identity}
name=${2:?migration name}
project="src/Modules/$module/Tracker.Modules.$module/Tracker.Modules.$module.csproj"
dotnet tool restore >/dev/null
dotnet build "$project" -v q -nologo
for provider in Sqlite PostgreSql SqlServer; do
  dotnet ef migrations add "$name" --no-build \
    --project "$project" --startup-project "$project" \
    --context "${module}${provider}DbContext" \
    --output-dir "Data/Migrations/$provider"
done
# Migrations are module internals like everything else.
grep -rl "public partial class\|public class" "src/Modules/$module/Tracker.Modules.$module/Data/Migrations" \
  | xargs sed -i -e 's/public partial class/internal partial class/' -e 's/public class/internal class/'
# The model changed with this migration, so the compiled models (what the host runs on) are regenerated too.
"$(dirname "$0")/compiled-models.sh" "$module" --no-build
