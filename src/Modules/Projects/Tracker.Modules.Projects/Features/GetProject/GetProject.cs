using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetProject;

internal sealed record GetProjectQuery(Guid ProjectId) : IQuery<Result<ProjectResponse>>;

internal sealed class GetProjectQueryHandler(ProjectsDbContext db) : IQueryHandler<GetProjectQuery, Result<ProjectResponse>>
{
    public async ValueTask<Result<ProjectResponse>> Handle(GetProjectQuery query, CancellationToken cancellationToken) =>
        await db.FindProjectAsync(query.ProjectId, cancellationToken) is { } found
            ? found
            : ProjectsErrors.ProjectNotFound.WithDetail(query.ProjectId);
}

internal sealed class GetProjectEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects/{id}", async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetProjectQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("One project with its progress")
            .ProducesError(StatusCodes.Status404NotFound);
}
