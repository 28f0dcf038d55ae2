namespace Tracker.BuildingBlocks.Http.Paging;

/// <summary>One page of a list that can grow.</summary>
/// <param name="Items">This page, in the list's order.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>
    /// A page from up to <paramref name="take"/> + 1 rows read in the list's order: the extra row only says that
    /// another page exists, and the cursor points after the last item kept.
    /// </summary>
    public static CursorPage<T> From<TPosition>(IReadOnlyList<T> rows, int take, Func<T, TPosition> positionOf)
        where TPosition : class
    {
        if (rows.Count <= take)
        {
            return new CursorPage<T>(rows, null);
        }

        var items = rows.Take(take).ToList();
        return new CursorPage<T>(items, PageCursor.Encode(positionOf(items[^1])));
    }
}
