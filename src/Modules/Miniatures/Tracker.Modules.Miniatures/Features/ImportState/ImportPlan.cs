using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>A validated import: what each type brings. Built only when the whole document is valid.</summary>
internal sealed record ImportPlan(IReadOnlyList<PlannedType> Types);

internal sealed record PlannedType(Guid? Id, string Name, DateTimeOffset? CreatedAt, int[] Counts, IReadOnlyList<PlannedEntry> History, string Path);

internal sealed record PlannedEntry(Stage? FromStage, Stage ToStage, int Qty, DateTimeOffset At);

/// <summary>Checks a document completely and either plans it or lists every problem with its path.</summary>
internal static class ImportPlanner
{
    public const int MaxTypes = 10_000;
    public const int MaxHistoryEntries = 1_000_000;
    private const int MaxProblems = 100;

    public static (ImportPlan? Plan, List<ImportProblem> Problems) Plan(ImportDocument document, DateTimeOffset now)
    {
        var problems = new List<ImportProblem>();
        void Problem(string path, string message)
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add(new ImportProblem(path, message));
            }
        }

        if (document.Format != ExportDocument.FormatName)
        {
            Problem("$.format", $"Expected \"{ExportDocument.FormatName}\".");
        }

        if (document.Version != ExportDocument.CurrentVersion)
        {
            Problem("$.version", $"Only version {ExportDocument.CurrentVersion} is supported.");
        }

        if (document.Types is null)
        {
            Problem("$.types", "Required.");
            return (null, problems);
        }

        if (document.Types.Count > MaxTypes)
        {
            Problem("$.types", $"At most {MaxTypes} types per document.");
            return (null, problems);
        }

        var latest = now.AddDays(1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var planned = new List<PlannedType>(document.Types.Count);
        var historyTotal = 0;
        for (var i = 0; i < document.Types.Count; i++)
        {
            var path = $"$.types[{i}]";
            var type = document.Types[i];
            if (type is null)
            {
                Problem(path, "Required.");
                continue;
            }

            var name = type.Name?.Trim();
            if (name is not null && (!UnicodeText.IsName(name) || !UnicodeText.HasVisibleCharacter(name)))
            {
                // The same rule as a name typed into the API: what one database stores, every other imports.
                Problem($"{path}.name", "Must be one visible line without control, zero-width or text-direction characters.");
            }
            else if (string.IsNullOrEmpty(name) || UnicodeText.CleanName(name).Length > MiniatureType.NameMaxLength)
            {
                Problem($"{path}.name", $"Required, at most {MiniatureType.NameMaxLength} characters.");
            }
            else if (!names.Add(MiniatureType.Normalize(name)))
            {
                Problem($"{path}.name", "Another type in this document has the same name.");
            }

            if (type.CreatedAt > latest)
            {
                Problem($"{path}.createdAt", "Lies in the future.");
            }

            var counts = new int[Stages.All.Count];
            foreach (var (code, count) in type.Counts ?? [])
            {
                if (!Stages.TryParse(code, out var stage))
                {
                    Problem($"{path}.counts.{code}", "Unknown stage.");
                }
                else if (count is < 0 or > Quantities.MaxPerType)
                {
                    Problem($"{path}.counts.{code}", $"Must be between 0 and {Quantities.MaxPerType}.");
                }
                else
                {
                    counts[(int)stage] = (int)count;
                }
            }

            if (counts.Sum(c => (long)c) > Quantities.MaxPerType)
            {
                Problem($"{path}.counts", $"A type holds at most {Quantities.MaxPerType} miniatures.");
            }

            var history = new List<PlannedEntry>(type.History?.Count ?? 0);
            historyTotal += type.History?.Count ?? 0;
            if (historyTotal > MaxHistoryEntries)
            {
                Problem($"{path}.history", $"At most {MaxHistoryEntries} history entries per document.");
                return (null, problems);
            }

            for (var j = 0; j < (type.History?.Count ?? 0); j++)
            {
                var entryPath = $"{path}.history[{j}]";
                if (PlanEntry(type.History![j], entryPath, latest, Problem) is { } entry)
                {
                    history.Add(entry);
                }
            }

            planned.Add(new PlannedType(type.Id, name ?? string.Empty, type.CreatedAt, counts, history, path));
        }

        return problems.Count == 0 ? (new ImportPlan(planned), problems) : (null, problems);
    }

    private static PlannedEntry? PlanEntry(ImportedHistoryEntry? entry, string path, DateTimeOffset latest, Action<string, string> problem)
    {
        if (entry is null)
        {
            problem(path, "Required.");
            return null;
        }

        var valid = true;
        Stage? from = null;
        if (entry.FromStage is not null)
        {
            if (Stages.TryParse(entry.FromStage, out var parsed))
            {
                from = parsed;
            }
            else
            {
                problem($"{path}.fromStage", "Unknown stage.");
                valid = false;
            }
        }

        if (!Stages.TryParse(entry.ToStage, out var to))
        {
            problem($"{path}.toStage", "Unknown stage.");
            valid = false;
        }
        else if (from is { } source && !Stages.CanMove(source, to))
        {
            problem($"{path}.toStage", "Must be a later stage than fromStage.");
            valid = false;
        }

        if (entry.Qty is not { } qty || qty < 1 || qty > Quantities.MaxPerOperation)
        {
            problem($"{path}.qty", $"Must be between 1 and {Quantities.MaxPerOperation}.");
            valid = false;
        }

        if (entry.At is not { } at || at > latest)
        {
            problem($"{path}.at", entry.At is null ? "Required." : "Lies in the future.");
            valid = false;
        }

        return valid ? new PlannedEntry(from, to, (int)entry.Qty!.Value, entry.At!.Value) : null;
    }
}
