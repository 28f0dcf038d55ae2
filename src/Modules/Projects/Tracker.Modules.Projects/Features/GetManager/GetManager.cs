using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetManager;

internal sealed record GetManagerQuery(Guid ManagerId) : IQuery<Result<ManagerResponse>>;

internal sealed class GetManagerQueryHandler(ProjectsDbContext db) : IQueryHandler<GetManagerQuery, Result<ManagerResponse>>
{
    public async ValueTask<Result<ManagerResponse>> Handle(GetManagerQuery query, CancellationToken cancellationToken) =>
        await db.Managers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.ManagerId, cancellationToken) is { } found
            ? ManagerResponse.From(found)
            : ProjectsErrors.ManagerNotFound.WithDetail(query.ManagerId);
}

internal sealed class GetManagerEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/managers/{id}", async Task<Results<Ok<ManagerResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetManagerQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("One project manager")
            .ProducesError(StatusCodes.Status404NotFound);
}
