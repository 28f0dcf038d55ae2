using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetStep;

internal sealed record GetStepQuery(Guid StepId) : IQuery<Result<StepResponse>>;

internal sealed class GetStepQueryHandler(ProjectsDbContext db) : IQueryHandler<GetStepQuery, Result<StepResponse>>
{
    public async ValueTask<Result<StepResponse>> Handle(GetStepQuery query, CancellationToken cancellationToken) =>
        await db.FindStepAsync(query.StepId, cancellationToken) is { } found
            ? found
            : ProjectsErrors.StepNotFound.WithDetail(query.StepId);
}

internal sealed class GetStepEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/steps/{id}", async Task<Results<Ok<StepResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetStepQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("One step with its progress and subtasks")
            .ProducesError(StatusCodes.Status404NotFound);
}
