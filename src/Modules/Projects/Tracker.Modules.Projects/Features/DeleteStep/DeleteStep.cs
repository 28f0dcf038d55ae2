using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteStep;

internal sealed record DeleteStepCommand(Guid StepId, long? ExpectedVersion) : ICommand<Result>;

internal sealed class DeleteStepCommandHandler(ProjectsDbContext db, ProjectFiles files) : ICommandHandler<DeleteStepCommand, Result>
{
    /// <summary>Deletes the step with its subtasks and attachments and closes the gap it leaves, under the project's lock; the files go once it commits.</summary>
    public async ValueTask<Result> Handle(DeleteStepCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var projectId = await db.Steps.AsNoTracking().Where(s => s.Id == command.StepId).Select(s => (Guid?)s.ProjectId).SingleOrDefaultAsync(cancellationToken);
        if (projectId is null)
        {
            return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
        }

        await db.LockContentsOfAsync(projectId.Value, cancellationToken);
        var deleting = db.Steps.Where(s => s.Id == command.StepId);
        if (command.ExpectedVersion is { } expected)
        {
            deleting = deleting.Where(s => s.Version == expected);
        }

        var attachments = await db.DeleteAttachmentsOfStepsAsync([command.StepId], cancellationToken);
        if (await deleting.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return await db.FindStepAsync(command.StepId, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(current)
                : ProjectsErrors.StepNotFound.WithDetail(command.StepId);
        }

        await db.RepackStepsAsync(projectId.Value, cancellationToken);
        await db.RecountProgressAsync([projectId.Value], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        files.Attachments.Delete(attachments);
        return Result.Success();
    }
}

internal sealed class DeleteStepEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/steps/{id}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteStepCommand(id, ifMatch.Version), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Delete a step with its subtasks and attachments (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
