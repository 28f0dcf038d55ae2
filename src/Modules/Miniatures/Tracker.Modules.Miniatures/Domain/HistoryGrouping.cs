namespace Tracker.Modules.Miniatures.Domain;

/// <summary>A run of similar moves shown as one line: its first entry's time, the quantities summed.</summary>
internal sealed record HistoryGroup(Guid TypeId, string TypeName, Stage? FromStage, Stage ToStage, long Qty, int Entries, DateTimeOffset Timestamp);

/// <summary>A history entry as read for grouping, with its type's name.</summary>
internal sealed record HistoryRow(long Id, Guid TypeId, string TypeName, Stage? FromStage, Stage ToStage, int Qty, DateTimeOffset CreatedAt);

/// <summary>
/// Read-time grouping: chronologically adjacent entries of the same type and the same from→to whose gap to the
/// previous entry is under five minutes belong together. Anything in between (another type, another
/// transition) ends the group.
/// </summary>
internal static class HistoryGrouping
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    public static bool Continues(HistoryRow earlier, HistoryRow later) =>
        earlier.TypeId == later.TypeId
        && earlier.FromStage == later.FromStage
        && earlier.ToStage == later.ToStage
        && later.CreatedAt - earlier.CreatedAt < Window;

    /// <summary>
    /// Groups rows given newest first. Returns the complete groups (newest first) and how many rows they used;
    /// the last group is only complete when <paramref name="exhausted"/> or a row after it started another group.
    /// </summary>
    public static (List<HistoryGroup> Groups, int RowsUsed) GroupNewestFirst(IReadOnlyList<HistoryRow> rows, int maxGroups, bool exhausted)
    {
        var groups = new List<HistoryGroup>();
        var start = 0;
        while (start < rows.Count && groups.Count < maxGroups)
        {
            var end = start;
            while (end + 1 < rows.Count && Continues(rows[end + 1], rows[end]))
            {
                end++;
            }

            if (end + 1 == rows.Count && !exhausted)
            {
                break; // the oldest group may continue in rows not read yet
            }

            var oldest = rows[end];
            var qty = 0L;
            for (var i = start; i <= end; i++)
            {
                qty += rows[i].Qty;
            }

            groups.Add(new HistoryGroup(oldest.TypeId, oldest.TypeName, oldest.FromStage, oldest.ToStage, qty, end - start + 1, oldest.CreatedAt));
            start = end + 1;
        }

        return (groups, start);
    }
}
