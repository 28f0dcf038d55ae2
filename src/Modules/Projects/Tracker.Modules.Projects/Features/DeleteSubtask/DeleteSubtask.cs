using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteSubtask;

internal sealed record DeleteSubtaskCommand(Guid SubtaskId, long? ExpectedVersion) : ICommand<Result>;

internal sealed class DeleteSubtaskCommandHandler(ProjectsDbContext db) : ICommandHandler<DeleteSubtaskCommand, Result>
{
    /// <summary>Deletes the subtask and closes the gap it leaves, under the step's lock.</summary>
    public async ValueTask<Result> Handle(DeleteSubtaskCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var stepId = await db.Subtasks.Where(t => t.Id == command.SubtaskId).Select(t => (Guid?)t.StepId).SingleOrDefaultAsync(cancellationToken);
        if (stepId is null)
        {
            return ProjectsErrors.SubtaskNotFound.WithDetail(command.SubtaskId);
        }

        await db.LockSubtasksOfAsync(stepId.Value, cancellationToken);
        var deleting = db.Subtasks.Where(t => t.Id == command.SubtaskId);
        if (command.ExpectedVersion is { } expected)
        {
            deleting = deleting.Where(t => t.Version == expected);
        }

        if (await deleting.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return await db.Subtasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == command.SubtaskId, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(SubtaskResponse.From(current))
                : ProjectsErrors.SubtaskNotFound.WithDetail(command.SubtaskId);
        }

        await db.RepackSubtasksAsync(stepId.Value, cancellationToken);
        await db.RecountSubtasksAsync([stepId.Value], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }
}

internal sealed class DeleteSubtaskEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/subtasks/{id}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteSubtaskCommand(id, ifMatch.Version), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Delete a subtask (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
