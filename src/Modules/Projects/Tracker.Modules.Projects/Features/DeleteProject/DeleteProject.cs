using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteProject;

/// <param name="ExpectedVersion">From If-Match: delete it only if it is still at this version.</param>
internal sealed record DeleteProjectCommand(Guid ProjectId, long? ExpectedVersion) : ICommand<Result>;

internal sealed class DeleteProjectCommandHandler(ProjectsDbContext db) : ICommandHandler<DeleteProjectCommand, Result>
{
    /// <summary>Deletes the project with its steps and their subtasks (the foreign keys cascade).</summary>
    public async ValueTask<Result> Handle(DeleteProjectCommand command, CancellationToken cancellationToken)
    {
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
            .WithSummary("Delete a project with its steps and subtasks (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
