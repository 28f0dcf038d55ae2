using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteSubtasks;

internal sealed record DeleteSubtasksCommand(IReadOnlyList<Guid> Ids) : ICommand<Result>;

internal sealed class DeleteSubtasksCommandValidator : AbstractValidator<DeleteSubtasksCommand>
{
    public DeleteSubtasksCommandValidator() => RuleFor(c => c.Ids).BulkIdList();
}

internal sealed class DeleteSubtasksCommandHandler(ProjectsDbContext db) : ICommandHandler<DeleteSubtasksCommand, Result>
{
    /// <summary>
    /// All or nothing: the subtasks, then each step's positions closed up. Their projects' contents are locked first,
    /// then the steps in id order: a step delete or reorder of the same project, which holds the contents lock while
    /// it changes its steps' rows in its own order, is then never waited for in a circle.
    /// </summary>
    public async ValueTask<Result> Handle(DeleteSubtasksCommand command, CancellationToken cancellationToken)
    {
        var ids = command.Ids.Distinct().ToList();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var found = await db.Subtasks.Where(t => ids.Contains(t.Id))
            .Join(db.Steps, t => t.StepId, s => s.Id, (t, s) => new { t.Id, t.StepId, s.ProjectId })
            .ToListAsync(cancellationToken);
        if (BulkIds.Unknown(ids, found.Select(t => t.Id)) is { } unknown)
        {
            return unknown;
        }

        await db.LockContentsOfAsync(found.Select(t => t.ProjectId), cancellationToken);
        var steps = found.Select(t => t.StepId).Distinct().Order().ToList();
        foreach (var stepId in steps)
        {
            await db.LockSubtasksOfAsync(stepId, cancellationToken);
        }

        if (await db.Subtasks.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken) != ids.Count)
        {
            return BulkIds.Unknown(ids, await db.Subtasks.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken))!;
        }

        foreach (var stepId in steps)
        {
            await db.RepackSubtasksAsync(stepId, cancellationToken);
        }

        await db.RecountSubtasksAsync(steps, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }
}

internal sealed class DeleteSubtasksEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/subtasks/delete", async Task<Results<NoContent, ProblemHttpResult>> (BulkIdsRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteSubtasksCommand(request.Ids), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Planner)
            .WithSummary("Delete many subtasks, all or nothing (planner, manager or admin)")
            .WithDescription("One unknown id rejects the whole call with ERR_PROJECTS_UNKNOWN_IDS, listing them in `unknownIds`.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
}
