using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ReorderSteps;

/// <param name="StepIds">Every step of the project, once each, in the new order.</param>
internal sealed record ReorderStepsRequest(IReadOnlyList<Guid> StepIds);

internal sealed record ReorderStepsCommand(Guid ProjectId, IReadOnlyList<Guid> StepIds) : ICommand<Result<StepList>>;

internal sealed class ReorderStepsCommandHandler(ProjectsDbContext db) : ICommandHandler<ReorderStepsCommand, Result<StepList>>
{
    public async ValueTask<Result<StepList>> Handle(ReorderStepsCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var coefficient = await db.Projects.Where(p => p.Id == command.ProjectId).Select(p => (decimal?)p.InProgressCoefficient).SingleOrDefaultAsync(cancellationToken);
        if (coefficient is null)
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
        }

        await db.LockContentsOfAsync(command.ProjectId, cancellationToken);
        var current = (await db.Steps.Where(s => s.ProjectId == command.ProjectId).Select(s => new { s.Id, s.Position }).ToListAsync(cancellationToken))
            .ConvertAll(s => (s.Id, s.Position));
        var reordered = await Positions.ReorderAsync(current, command.StepIds, (id, position) =>
            db.Steps.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Position, position), cancellationToken));
        if (reordered.Error is { } mismatch)
        {
            return mismatch;
        }

        await transaction.CommitAsync(cancellationToken);
        return await db.StepsOfAsync(command.ProjectId, coefficient.Value, cancellationToken);
    }
}

internal sealed class ReorderStepsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/projects/{id}/steps/order", async Task<Results<Ok<StepList>, ProblemHttpResult>> (Guid id, ReorderStepsRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ReorderStepsCommand(id, request.StepIds), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .WithSummary("Put a project's steps in a new order (planner, manager or admin)")
            .WithDescription("The body names every step of the project once; otherwise ERR_PROJECTS_ORDER_MISMATCH (a step was added or deleted meanwhile: read them again). Positions stay 0..n-1.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
