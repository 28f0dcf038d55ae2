using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ReorderSubtasks;

/// <param name="SubtaskIds">Every subtask of the step, once each, in the new order.</param>
internal sealed record ReorderSubtasksRequest(IReadOnlyList<Guid> SubtaskIds);

internal sealed record ReorderSubtasksCommand(Guid StepId, IReadOnlyList<Guid> SubtaskIds) : ICommand<Result<StepResponse>>;

internal sealed class ReorderSubtasksCommandHandler(ProjectsDbContext db) : ICommandHandler<ReorderSubtasksCommand, Result<StepResponse>>
{
    public async ValueTask<Result<StepResponse>> Handle(ReorderSubtasksCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        if (!await db.Steps.AnyAsync(s => s.Id == command.StepId, cancellationToken))
        {
            return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
        }

        await db.LockSubtasksOfAsync(command.StepId, cancellationToken);
        var current = (await db.Subtasks.Where(t => t.StepId == command.StepId).Select(t => new { t.Id, t.Position }).ToListAsync(cancellationToken))
            .ConvertAll(t => (t.Id, t.Position));
        var reordered = await Positions.ReorderAsync(current, command.SubtaskIds, (id, position) =>
            db.Subtasks.Where(t => t.Id == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Position, position), cancellationToken));
        if (reordered.Error is { } mismatch)
        {
            return mismatch;
        }

        await transaction.CommitAsync(cancellationToken);
        return (await db.FindStepAsync(command.StepId, cancellationToken))!;
    }
}

internal sealed class ReorderSubtasksEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/steps/{id}/subtasks/order", async Task<Results<Ok<StepResponse>, ProblemHttpResult>> (Guid id, ReorderSubtasksRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ReorderSubtasksCommand(id, request.SubtaskIds), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Put a step's subtasks in a new order (planner, manager or admin)")
            .WithDescription("The body names every subtask of the step once; otherwise ERR_PROJECTS_ORDER_MISMATCH. Answers the step with its subtasks in the new order.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
