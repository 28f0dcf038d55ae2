using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteProject;

/// <param name="ExpectedVersion">From If-Match: delete it only if it is still at this version.</param>
internal sealed record DeleteProjectCommand(Guid ProjectId, long? ExpectedVersion) : ICommand<Result>;

internal sealed class DeleteProjectCommandHandler(ProjectsDbContext db, ProjectFiles files) : ICommandHandler<DeleteProjectCommand, Result>
{
    /// <summary>Deletes the project with its steps, their subtasks and its attachments (the foreign keys cascade), then the attachments' files.</summary>
    public async ValueTask<Result> Handle(DeleteProjectCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockContentsOfAsync(command.ProjectId, cancellationToken);
        var attachments = await db.AttachmentsOfProjectsAsync([command.ProjectId], cancellationToken);
        await db.DeleteStepsOfProjectsAsync([command.ProjectId], cancellationToken);
        var project = db.Projects.Where(p => p.Id == command.ProjectId);
        if (command.ExpectedVersion is { } expected)
        {
            project = project.Where(p => p.Version == expected);
        }

        if (await project.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return await db.FindProjectAsync(command.ProjectId, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(current)
                : ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
        }

        await transaction.CommitAsync(cancellationToken);
        files.Attachments.Delete(attachments);
        return Result.Success();
    }
}

internal sealed class DeleteProjectEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/projects/{id}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteProjectCommand(id, ifMatch.Version), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Delete a project with its steps, subtasks and attachments (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
