using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.Shared;

/// <summary>The whole Miniatures state: the backup format that <c>POST /import</c> reads back.</summary>
internal sealed record ExportDocument(string Format, int Version, DateTimeOffset ExportedAt, IReadOnlyList<ExportedType> Types)
{
    public const string FormatName = "tracker.miniatures";
    public const int CurrentVersion = 1;
}

internal sealed record ExportedType(Guid Id, string Name, DateTimeOffset CreatedAt, StageCountsResponse Counts, IReadOnlyList<ExportedHistoryEntry> History);

/// <param name="FromStage">Null for a purchase (miniatures added to IN_BOX).</param>
internal sealed record ExportedHistoryEntry(Stage? FromStage, Stage ToStage, int Qty, DateTimeOffset At);
