using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListCategories;

/// <summary>Where a page of categories ends: they are ordered by sort order, then by their (unique) folded name.</summary>
internal sealed record CategoryPosition(int SortOrder, string NormalizedName);

internal sealed record ListCategoriesQuery : PageQuery<CategoryPosition>, IQuery<CursorPage<CategoryResponse>>
{
    /// <summary>Part of the name, any case.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }
}

internal sealed class ListCategoriesQueryValidator : AbstractValidator<ListCategoriesQuery>
{
    public ListCategoriesQueryValidator() => RuleFor(q => q.Search).MaximumLength(Category.NameMaxLength).SafeText();
}

internal sealed class ListCategoriesQueryHandler(ProjectsDbContext db) : IQueryHandler<ListCategoriesQuery, CursorPage<CategoryResponse>>
{
    public async ValueTask<CursorPage<CategoryResponse>> Handle(ListCategoriesQuery query, CancellationToken cancellationToken)
    {
        var categories = db.Categories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = Category.Normalize(query.Search);
            categories = categories.Where(c => c.NormalizedName.Contains(term));
        }

        if (query.After() is { } after)
        {
            var (order, name) = (after.SortOrder, after.NormalizedName);
            categories = categories.Where(c => c.SortOrder > order || (c.SortOrder == order && string.Compare(c.NormalizedName, name) > 0));
        }

        var rowsToRead = query.Take + 1;
        var rows = await categories.OrderBy(c => c.SortOrder).ThenBy(c => c.NormalizedName).Take(rowsToRead).ToListAsync(cancellationToken);
        return CursorPage<CategoryResponse>.From(rows.ConvertAll(CategoryResponse.From), query.Take, last => new CategoryPosition(last.SortOrder, Category.Normalize(last.Name)));
    }
}

internal sealed class ListCategoriesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/categories", async Task<Ok<CursorPage<CategoryResponse>>> ([AsParameters] ListCategoriesQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("Categories in their sort order, then A–Z, paged by cursor");
}
