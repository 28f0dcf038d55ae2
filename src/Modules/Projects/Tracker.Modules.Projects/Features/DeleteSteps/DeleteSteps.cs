using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteSteps;

internal sealed record DeleteStepsCommand(IReadOnlyList<Guid> Ids) : ICommand<Result>;

internal sealed class DeleteStepsCommandValidator : AbstractValidator<DeleteStepsCommand>
{
    public DeleteStepsCommandValidator() => RuleFor(c => c.Ids).BulkIdList();
}

internal sealed class DeleteStepsCommandHandler(ProjectsDbContext db, ProjectFiles files) : ICommandHandler<DeleteStepsCommand, Result>
{
    /// <summary>
    /// All or nothing: the steps with their subtasks, then each project's positions closed up. The projects are
    /// locked in id order, so two such calls never wait for each other in a circle.
    /// </summary>
    public async ValueTask<Result> Handle(DeleteStepsCommand command, CancellationToken cancellationToken)
    {
        var ids = command.Ids.Distinct().ToList();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var found = await db.Steps.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.ProjectId }).ToListAsync(cancellationToken);
        if (BulkIds.Unknown(ids, found.Select(s => s.Id)) is { } unknown)
        {
            return unknown;
        }

        var projects = found.Select(s => s.ProjectId).Distinct().ToList();
        await db.LockContentsOfAsync(projects, cancellationToken);

        var attachments = await db.DeleteAttachmentsOfStepsAsync(ids, cancellationToken);
        if (await db.Steps.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken) != ids.Count)
        {
            return BulkIds.Unknown(ids, await db.Steps.Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken))!;
        }

        foreach (var projectId in projects)
        {
            await db.RepackStepsAsync(projectId, cancellationToken);
        }

        await db.RecountProgressAsync(projects, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        files.Attachments.Delete(attachments);
        return Result.Success();
    }
}

internal sealed class DeleteStepsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/steps/delete", async Task<Results<NoContent, ProblemHttpResult>> (BulkIdsRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteStepsCommand(request.Ids), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Planner)
            .WithSummary("Delete many steps with their subtasks, all or nothing (planner, manager or admin)")
            .WithDescription("One unknown id rejects the whole call with ERR_PROJECTS_UNKNOWN_IDS, listing them in `unknownIds`. Positions of the remaining steps are closed up.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
}
