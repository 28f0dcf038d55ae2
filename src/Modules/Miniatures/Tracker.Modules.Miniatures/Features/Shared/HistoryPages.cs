using Tracker.BuildingBlocks.Http.Paging;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.Shared;

/// <summary>The last history entry of a page: the newest-first keyset (time, then id).</summary>
internal sealed record HistoryPosition(DateTimeOffset At, long Id);

/// <summary>
/// Reads grouped history newest first, a page of whole groups at a time. The cursor is the position of the
/// last entry of the page, so paging stays stable while new moves are recorded.
/// </summary>
internal static class HistoryPages
{
    public static async Task<CursorPage<HistoryGroup>> ReadAsync(
        MiniaturesDbContext db, IQueryable<HistoryEntry> entries, PageQuery<HistoryPosition> query, CancellationToken cancellationToken)
    {
        var limit = query.Take;
        var rows = new List<HistoryRow>();
        var position = query.After();
        var batch = (limit * 4) + 16;
        while (true)
        {
            var page = entries;
            if (position is { } p)
            {
                page = page.Where(e => e.CreatedAt < p.At || (e.CreatedAt == p.At && e.Id < p.Id));
            }

            var fetched = await page
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .Take(batch)
                .Join(db.Types, e => e.TypeId, t => t.Id, (e, t) => new HistoryRow(e.Id, e.TypeId, t.Name, e.FromStage, e.ToStage, e.Qty, e.CreatedAt))
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            rows.AddRange(fetched);
            var exhausted = fetched.Count < batch;
            var (groups, used) = HistoryGrouping.GroupNewestFirst(rows, limit, exhausted);
            if (groups.Count == limit || exhausted)
            {
                var more = used < rows.Count || !exhausted;
                var next = groups.Count > 0 && more ? PageCursor.Encode(new HistoryPosition(rows[used - 1].CreatedAt, rows[used - 1].Id)) : null;
                return new CursorPage<HistoryGroup>(groups, next);
            }

            position = new HistoryPosition(rows[^1].CreatedAt, rows[^1].Id);
            batch *= 2;
        }
    }
}
