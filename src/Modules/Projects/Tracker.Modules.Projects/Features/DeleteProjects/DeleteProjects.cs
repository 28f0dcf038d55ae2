using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteProjects;

internal sealed record DeleteProjectsCommand(IReadOnlyList<Guid> Ids) : ICommand<Result>;

internal sealed class DeleteProjectsCommandValidator : AbstractValidator<DeleteProjectsCommand>
{
    public DeleteProjectsCommandValidator() => RuleFor(c => c.Ids).BulkIdList();
}

internal sealed class DeleteProjectsCommandHandler(ProjectsDbContext db, ProjectFiles files) : ICommandHandler<DeleteProjectsCommand, Result>
{
    /// <summary>All or nothing, in one transaction: the projects with their steps, subtasks and attachments (the keys cascade); the attachments' files once it commits.</summary>
    public async ValueTask<Result> Handle(DeleteProjectsCommand command, CancellationToken cancellationToken)
    {
        var ids = command.Ids.Distinct().ToList();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var found = await db.Projects.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        if (BulkIds.Unknown(ids, found) is { } unknown)
        {
            return unknown;
        }

        await db.LockContentsOfAsync(ids, cancellationToken);
        var attachments = await db.AttachmentsOfProjectsAsync(ids, cancellationToken);
        await db.DeleteStepsOfProjectsAsync(ids, cancellationToken);
        if (await db.Projects.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken) != ids.Count)
        {
            // Deleted by someone else in between: nothing of this call stays.
            return BulkIds.Unknown(ids, await db.Projects.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        files.Attachments.Delete(attachments);
        return Result.Success();
    }
}

internal sealed class DeleteProjectsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/projects/delete", async Task<Results<NoContent, ProblemHttpResult>> (BulkIdsRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteProjectsCommand(request.Ids), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Planner)
            .WithSummary("Delete many projects with their steps, subtasks and attachments, all or nothing (planner, manager or admin)")
            .WithDescription("One unknown id rejects the whole call with ERR_PROJECTS_UNKNOWN_IDS, listing them in `unknownIds`.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
}
