using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Results;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.BuildingBlocks.Http.Paging;

/// <summary>
/// The request side of every list that can grow: <c>cursor</c> and <c>limit</c> in the query string. A list
/// query derives from it and binds with <c>[AsParameters]</c>; the validation pipeline checks both members for
/// every such query, so a list cannot forget to. <typeparamref name="TPosition"/> is where a page ends (the
/// keyset of its last item); it travels inside the opaque cursor.
/// </summary>
public abstract record PageQuery<TPosition> : IPageQuery
    where TPosition : class
{
    /// <summary>From the previous page's <c>nextCursor</c>; absent for the first page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    /// <summary>Items per page.</summary>
    [FromQuery(Name = "limit")]
    [Range(1, PageLimits.Max)]
    [DefaultValue(PageLimits.Default)]
    public int? Limit { get; init; }

    /// <summary>The page size to read: <see cref="Limit"/> or the default.</summary>
    public int Take => Limit ?? PageLimits.Default;

    /// <summary>Where the previous page ended, or null for the first page.</summary>
    public TPosition? After() =>
        Cursor is null ? null : Decode(Cursor) ?? throw PageQueryValidation.InvalidCursor();

    string? IPageQuery.Cursor => Cursor;

    int? IPageQuery.Limit => Limit;

    bool IPageQuery.IsCursorValid => Cursor is null || Decode(Cursor) is not null;

    /// <summary>
    /// Whether this query goes on from <paramref name="position"/>: a list with several orders says no to a cursor
    /// issued for another order, which then answers 400 like any cursor the API did not issue.
    /// </summary>
    protected virtual bool Continues(TPosition position) => true;

    private TPosition? Decode(string cursor) => PageCursor.TryDecode<TPosition>(cursor) is { } position && Continues(position) ? position : null;
}

public static class PageLimits
{
    public const int Default = 50;
    public const int Max = 200;
}

internal interface IPageQuery
{
    string? Cursor { get; }

    int? Limit { get; }

    bool IsCursorValid { get; }
}

/// <summary>Run by the validation pipeline for every <see cref="PageQuery{TPosition}"/>.</summary>
internal static class PageQueryValidation
{
    private static readonly LocalizedText CursorMessage = new(
        "The cursor is not one this API issued for this list.",
        "Этот курсор не был выдан API для этого списка.");

    private static string InvalidCursorText => CursorMessage.In(CultureInfo.CurrentUICulture);

    public static IEnumerable<(string Field, string Message)> Errors(IPageQuery query)
    {
        if (query.Limit is < 1 or > PageLimits.Max)
        {
            yield return ("limit", FieldMessages.Between(1, PageLimits.Max).In(CultureInfo.CurrentUICulture));
        }

        if (!query.IsCursorValid)
        {
            yield return ("cursor", InvalidCursorText);
        }
    }

    public static RequestValidationException InvalidCursor() =>
        new(new Dictionary<string, string[]> { ["cursor"] = [InvalidCursorText] });
}
