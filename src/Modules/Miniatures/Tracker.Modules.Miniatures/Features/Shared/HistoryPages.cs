using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.Shared;

/// <param name="NextCursor">Pass as <c>cursor</c> for the next (older) page; null on the last page.</param>
internal sealed record HistoryPageResponse(IReadOnlyList<HistoryGroup> Items, string? NextCursor);

internal interface IHistoryPageQuery
{
    int Limit { get; }

    string? Cursor { get; }
}

internal sealed class HistoryPageValidator : AbstractValidator<IHistoryPageQuery>
{
    public const int MaxLimit = 500;

    public HistoryPageValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || HistoryPages.TryDecode(c, out _)).WithMessage("The cursor is not one this API issued.");
    }
}

/// <summary>
/// Reads grouped history newest first, a page of whole groups at a time. The cursor is the position of the
/// last entry of the page, so paging stays stable while new moves are recorded.
/// </summary>
internal static class HistoryPages
{
    public static async Task<HistoryPageResponse> ReadAsync(MiniaturesDbContext db, IQueryable<HistoryEntry> entries, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var rows = new List<HistoryRow>();
        var position = cursor is null ? ((DateTimeOffset At, long Id)?)null : Decode(cursor);
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
                return new HistoryPageResponse(groups, groups.Count > 0 && more ? Encode(rows[used - 1]) : null);
            }

            position = (rows[^1].CreatedAt, rows[^1].Id);
            batch *= 2;
        }
    }

    public static bool TryDecode(string cursor, out (DateTimeOffset At, long Id) position)
    {
        position = default;
        var bytes = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(bytes, 0, written).Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        position = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }

    private static (DateTimeOffset At, long Id) Decode(string cursor) =>
        TryDecode(cursor, out var position) ? position : throw new FormatException("Invalid history cursor.");

    private static string Encode(HistoryRow row) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{row.CreatedAt.UtcTicks}:{row.Id}")));
}
