using System.Globalization;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>
/// A validated import: what each type brings. Built only when the whole document is valid. History is kept as
/// compact values in one list (each type names its slice of it): a document holds up to a million entries.
/// </summary>
internal sealed record ImportPlan(IReadOnlyList<PlannedType> Types, List<PlannedEntry> History);

internal sealed record PlannedType(Guid? Id, string Name, DateTimeOffset? CreatedAt, int[] Counts, int HistoryStart, int HistoryCount, string Path);

/// <summary>One history entry, 24 bytes: the time as UTC ticks rather than a 16-byte <see cref="DateTimeOffset"/>.</summary>
internal readonly record struct PlannedEntry(long AtUtcTicks, int Qty, Stage? FromStage, Stage ToStage)
{
    public DateTimeOffset At => new(AtUtcTicks, TimeSpan.Zero);
}

/// <summary>One thing wrong with an import document, at its field path (<c>types[0].name</c>; <c>$</c> for the whole).</summary>
internal sealed record ImportProblem(string Path, LocalizedText Message)
{
    /// <summary>ERR_IMPORT_INVALID with every problem in <c>errors</c>, field path to messages, as any field error.</summary>
    public static Error Reject(IReadOnlyCollection<ImportProblem> problems) =>
        MiniaturesErrors.ImportInvalid.WithDetail(problems.Count).WithExtension(
            "errors", problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message.In(CultureInfo.CurrentUICulture)).ToArray()));
}
