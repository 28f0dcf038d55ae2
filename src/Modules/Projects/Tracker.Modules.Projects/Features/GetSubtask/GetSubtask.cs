using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetSubtask;

internal sealed record GetSubtaskQuery(Guid SubtaskId) : IQuery<Result<SubtaskResponse>>;

internal sealed class GetSubtaskQueryHandler(ProjectsDbContext db) : IQueryHandler<GetSubtaskQuery, Result<SubtaskResponse>>
{
    public async ValueTask<Result<SubtaskResponse>> Handle(GetSubtaskQuery query, CancellationToken cancellationToken) =>
        await db.Subtasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.SubtaskId, cancellationToken) is { } found
            ? SubtaskResponse.From(found)
            : ProjectsErrors.SubtaskNotFound.WithDetail(query.SubtaskId);
}

internal sealed class GetSubtaskEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/subtasks/{id}", async Task<Results<Ok<SubtaskResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetSubtaskQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("One subtask")
            .ProducesError(StatusCodes.Status404NotFound);
}
