using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetCategory;

internal sealed record GetCategoryQuery(Guid CategoryId) : IQuery<Result<CategoryResponse>>;

internal sealed class GetCategoryQueryHandler(ProjectsDbContext db) : IQueryHandler<GetCategoryQuery, Result<CategoryResponse>>
{
    public async ValueTask<Result<CategoryResponse>> Handle(GetCategoryQuery query, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CategoryId, cancellationToken) is { } found
            ? CategoryResponse.From(found)
            : ProjectsErrors.CategoryNotFound.WithDetail(query.CategoryId);
}

internal sealed class GetCategoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/categories/{id}", async Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetCategoryQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("One category")
            .ProducesError(StatusCodes.Status404NotFound);
}
