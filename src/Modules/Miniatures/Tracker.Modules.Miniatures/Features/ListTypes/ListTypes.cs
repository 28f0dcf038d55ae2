using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ListTypes;

/// <summary>Where a page of types ends. Normalized names are unique, so they alone order the list totally.</summary>
internal sealed record TypePosition(string NormalizedName);

internal sealed record ListTypesQuery : PageQuery<TypePosition>, IQuery<CursorPage<TypeResponse>>
{
    /// <summary>Part of the name, any case.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }
}

internal sealed class ListTypesQueryValidator : AbstractValidator<ListTypesQuery>
{
    public ListTypesQueryValidator() => RuleFor(q => q.Search).MaximumLength(MiniatureType.NameMaxLength).SafeText();
}

internal sealed class ListTypesQueryHandler(MiniaturesDbContext db) : IQueryHandler<ListTypesQuery, CursorPage<TypeResponse>>
{
    public async ValueTask<CursorPage<TypeResponse>> Handle(ListTypesQuery query, CancellationToken cancellationToken)
    {
        var types = db.Types.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = MiniatureType.Normalize(query.Search);
            types = types.Where(t => t.NormalizedName.Contains(term));
        }

        if (query.After() is { } after)
        {
            var afterName = after.NormalizedName;
            types = types.Where(t => string.Compare(t.NormalizedName, afterName) > 0);
        }

        var rowsToRead = query.Take + 1;
        var rows = await types.OrderBy(t => t.NormalizedName).Take(rowsToRead).ReadPageAsync(db, cancellationToken);
        return CursorPage<TypeResponse>.From(rows.ConvertAll(TypeReader.From), query.Take, last => new TypePosition(MiniatureType.Normalize(last.Name)));
    }
}

internal sealed class ListTypesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/types", async Task<Ok<CursorPage<TypeResponse>>> ([AsParameters] ListTypesQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("Miniature types A–Z with their count per stage, paged by cursor")
            .WithDescription("Sorted by name ignoring case; `search` keeps the types whose name contains it.");
}
