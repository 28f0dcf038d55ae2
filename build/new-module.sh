#!/usr/bin/env bash
# Creates a module with the layout every Tracker module has, one example use case and its test, and wires it in.
#   build/new-module.sh <Name> [Entity] [Description]
#     Name         PascalCase module name, e.g. Projects (lower-cased it is the route segment, schema and SQLite file)
#     Entity       the example entity, e.g. Project (default: Name without a plural "s", else <Name>Item)
#     Description  one sentence for the API reference (default: "The <Name> module.")
# Generates src/Modules/<Name>/Tracker.Modules.<Name>{,.Contracts} from build/templates/module, adds both projects
# to Tracker.sln, the module to src/Host/TrackerModules.cs and Tracker.Host.csproj, references to the test projects
# that reference every module, an HTTP test under tests/Tracker.IntegrationTests/<Name>, and the Initial migrations
# for all three providers. Refuses, changing nothing, when the module (or a clashing name) exists.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
templates=build/templates/module
# Test projects that reference every module reference this one; the architecture fixture references Identity
# alone, on purpose, and must not pick up new modules.
reference_module=Miniatures

fail() { echo "new-module: $*" >&2; exit 1; }

[[ $# -ge 1 && $# -le 3 ]] || fail "usage: build/new-module.sh <Name> [Entity] [Description]"
name=$1
[[ $name =~ ^[A-Z][A-Za-z0-9]*$ ]] || fail "the module name must be PascalCase letters and digits: '$name'"
if [[ $# -ge 2 ]]; then
  entity=$2
elif [[ $name =~ [^s]s$ ]]; then
  entity=${name%s}
else
  entity=${name}Item
fi
[[ $entity =~ ^[A-Z][A-Za-z0-9]*$ ]] || fail "the entity name must be PascalCase letters and digits: '$entity'"
# Inside namespace Tracker.Modules.<Name>, the name <Name> means the namespace, never a type.
[[ $entity != "$name" ]] || fail "the entity cannot be called like its module ($name): pass another one"
description=${3:-The $name module.}
[[ $description != *[\"\\]* && $description != *$'\n'* ]] || fail "the description is one line without quotes or backslashes"

lower=$(tr '[:upper:]' '[:lower:]' <<<"$name")
module_dir=src/Modules/$name
test_dir=tests/Tracker.IntegrationTests/$name
[[ ! -e $module_dir ]] || fail "$module_dir exists already; nothing changed"
[[ ! -e $test_dir ]] || fail "$test_dir exists already; nothing changed"
! grep -q "new ${name}Module()" src/Host/TrackerModules.cs || fail "${name}Module is listed in src/Host/TrackerModules.cs already; nothing changed"
for existing in src/Modules/*/; do
  existing=$(basename "$existing")
  [[ $(tr '[:upper:]' '[:lower:]' <<<"$existing") != "$lower" ]] || fail "module $existing already uses the name '$lower'; nothing changed"
done
# Operation names come from slice folders and must be unique across the API.
for slice in "Create$entity" "Get$entity"; do
  clash=$(find src/Modules -path "*/Features/$slice" -type d | head -n 1)
  [[ -z $clash ]] || fail "$clash exists: its operation name would clash; pass another entity name"
done
[[ -d $templates ]] || fail "$templates is missing"

words() { sed -E 's/([a-z0-9])([A-Z])/\1 \2/g; s/([A-Z])([A-Z][a-z])/\1 \2/g' <<<"$1"; }
plural() {
  case $1 in
    *s | *x | *z | *ch | *sh) echo "${1}es" ;;
    *[^aeiouAEIOU]y) echo "${1%y}ies" ;;
    *) echo "${1}s" ;;
  esac
}
entities=$(plural "$entity")
entity_words=$(words "$entity" | tr '[:upper:]' '[:lower:]')
entity_title="$(tr '[:lower:]' '[:upper:]' <<<"${entity_words:0:1}")${entity_words:1}"
entities_route=$(words "$entities" | tr '[:upper:]' '[:lower:]' | tr ' ' '-')
entities_table=$(tr '-' '_' <<<"$entities_route")
name_code=$(words "$name" | tr '[:lower:]' '[:upper:]' | tr ' ' '_')
entity_code=$(words "$entity" | tr '[:lower:]' '[:upper:]' | tr ' ' '_')
# Codes carry the module's prefix (unique across modules) without repeating it: Sample + SampleItem gives
# ERR_SAMPLE_ITEM_NOT_FOUND, Projects + Project gives ERR_PROJECTS_PROJECT_NOT_FOUND.
if [[ $entity_code == "${name_code}_"* ]]; then
  not_found_code=ERR_${entity_code}_NOT_FOUND
else
  not_found_code=ERR_${name_code}_${entity_code}_NOT_FOUND
fi

mapfile -t test_projects < <(grep -l "Tracker.Modules.$reference_module.csproj" tests/*/*.csproj || true)
# The new module opens its internals to whatever the reference module opens them to (the host's mediator, test
# projects), and to every test project that will reference it.
mapfile -t friends < <({
  grep -o '<InternalsVisibleTo Include="[^"]*"' "src/Modules/$reference_module/Tracker.Modules.$reference_module/Tracker.Modules.$reference_module.csproj" | cut -d'"' -f2
  for project in "${test_projects[@]}"; do basename "$project" .csproj; done
} | awk '!seen[$0]++')

sed_escape() { sed -e 's/[\\&|]/\\&/g' <<<"$1"; }
substitute() {
  sed -e "s|__Name__|$name|g" -e "s|__name__|$lower|g" \
    -e "s|__Entities__|$entities|g" -e "s|__Entity__|$entity|g" \
    -e "s|__entities__|$entities_route|g" -e "s|__entities_table__|$entities_table|g" \
    -e "s|__entity_words__|$entity_words|g" -e "s|__Entity_words__|$entity_title|g" \
    -e "s|__NOT_FOUND_CODE__|$not_found_code|g" -e "s|__Description__|$(sed_escape "$description")|g"
}

trap 'echo "new-module: failed; undo with: git checkout -- Tracker.sln src/Host tests && git clean -fd $module_dir $test_dir" >&2' ERR

created=()
while IFS= read -r template; do
  relative=${template#"$templates"/}
  target=$(substitute <<<"$relative")
  mkdir -p "$(dirname "$target")"
  substitute <"$template" | awk -v friends="$(printf '%s\n' "${friends[@]}")" '
    /__InternalsVisibleTo__/ {
      indent = substr($0, 1, index($0, "__") - 1)
      n = split(friends, names, "\n")
      for (i = 1; i <= n; i++) if (names[i] != "") print indent "<InternalsVisibleTo Include=\"" names[i] "\" />"
      next
    }
    { print }' >"$target"
  created+=("$target")
done < <(find "$templates" -type f | sort)

# Inserts a line after the last line matching a pattern (keeps lists in the order modules were added).
insert_after_last() {
  local file=$1 pattern=$2 line=$3
  grep -Eq "$pattern" "$file" || fail "no line matches $pattern in $file"
  awk -v pattern="$pattern" -v line="$line" '
    { lines[NR] = $0; if ($0 ~ pattern) last = NR }
    END { for (i = 1; i <= NR; i++) { print lines[i]; if (i == last) print line } }' "$file" >"$file.tmp"
  mv "$file.tmp" "$file"
}

module_project=$module_dir/Tracker.Modules.$name/Tracker.Modules.$name.csproj
contracts_project=$module_dir/Tracker.Modules.$name.Contracts/Tracker.Modules.$name.Contracts.csproj
# dotnet sln nests projects in solution folders named after their directories: src > Modules > <Name>.
dotnet sln Tracker.sln add "$module_project" "$contracts_project" >/dev/null

modules_file=src/Host/TrackerModules.cs
insert_after_last "$modules_file" '^ +new [A-Za-z0-9]+Module\(\),$' "        new ${name}Module(),"
# Usings sorted as dotnet format sorts them: System first, then A-Z.
awk -v added="using Tracker.Modules.$name;" '
  !done && /^using / { usings[++n] = $0; next }
  !done {
    usings[++n] = added
    cmd = "LC_ALL=C sort -f -u"
    for (i = 1; i <= n; i++) if (usings[i] ~ /^using System[.;]/) print usings[i]
    fflush()
    for (i = 1; i <= n; i++) if (usings[i] !~ /^using System[.;]/) print usings[i] | cmd
    close(cmd)
    done = 1
  }
  { print }' "$modules_file" >"$modules_file.tmp"
mv "$modules_file.tmp" "$modules_file"

module_reference='<ProjectReference Include="[^"]*Tracker\.Modules\.[A-Za-z0-9]+\.csproj" />'
insert_after_last src/Host/Tracker.Host.csproj "$module_reference" \
  "    <ProjectReference Include=\"../Modules/$name/Tracker.Modules.$name/Tracker.Modules.$name.csproj\" />"
for project in "${test_projects[@]}"; do
  line=$(grep -m1 "Tracker.Modules.$reference_module.csproj" "$project" | sed "s/$reference_module/$name/g")
  insert_after_last "$project" "$module_reference" "$line"
done

echo "new-module: generating the Initial migrations (SQLite, PostgreSQL, SQL Server)..."
"$root/build/add-migration.sh" "$name" Initial

trap - ERR
echo
echo "Created module $name (route /api/v1/$lower, schema '$lower', $lower.db on SQLite) with example entity $entity:"
printf '  %s\n' "${created[@]}"
echo "  $module_dir/Tracker.Modules.$name/Data/Migrations/{Sqlite,PostgreSql,SqlServer}/ (Initial)"
echo "Updated Tracker.sln, $modules_file, src/Host/Tracker.Host.csproj${test_projects[*]:+, ${test_projects[*]}}."
echo
echo "Next: reshape Domain/$entity into the module's first real entity, then ./build/add-migration.sh $name <Change>"
echo "(or delete Data/Migrations and regenerate Initial while nothing has shipped). Handlers of other modules'"
echo "integration events go in Tracker.Modules.$name/IntegrationEvents/ (created with the first one); events this"
echo "module publishes go in Tracker.Modules.$name.Contracts."
