using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Contracts;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.SetProjectsStatus;

/// <param name="ProjectIds">1 to 200 projects; an id given twice counts once.</param>
internal sealed record SetProjectsStatusRequest(IReadOnlyList<Guid> ProjectIds, ProjectStatus Status);

internal sealed record SetProjectsStatusCommand(IReadOnlyList<Guid> ProjectIds, ProjectStatus Status) : ICommand<Result<ProjectList>>;

/// <summary>The projects a call changed, as they are now.</summary>
internal sealed record ProjectList(IReadOnlyList<ProjectResponse> Items);

internal sealed class SetProjectsStatusCommandValidator : AbstractValidator<SetProjectsStatusCommand>
{
    public SetProjectsStatusCommandValidator() => RuleFor(c => c.ProjectIds).BulkIdList();
}

internal sealed class SetProjectsStatusCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<SetProjectsStatusCommand, Result<ProjectList>>
{
    private const int MaxAttempts = 3;

    /// <summary>All or nothing: one unknown id and no project changes.</summary>
    public async ValueTask<Result<ProjectList>> Handle(SetProjectsStatusCommand command, CancellationToken cancellationToken)
    {
        var ids = command.ProjectIds.Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            var projects = await db.Projects.Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
            if (BulkIds.Unknown(ids, projects.Select(p => p.Id)) is { } unknown)
            {
                return unknown;
            }

            var now = clock.GetUtcNow();
            foreach (var project in projects.Where(p => p.Status != command.Status))
            {
                project.SetStatus(command.Status, now);
                db.Publish(new ProjectStatusChanged(Guid.CreateVersion7(now), now, project.Id, WireEnum.NameOf(command.Status)));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another write changed one of them in between: read them again and set the status on what is there.
                db.ChangeTracker.Clear();
                if (attempt < MaxAttempts)
                {
                    continue;
                }

                return ConcurrencyErrors.ConcurrentChanges;
            }

            var withProgress = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).WithProgressAsync(db, cancellationToken);
            return new ProjectList([.. withProgress.OrderBy(p => p.Project.NormalizedCode, StringComparer.Ordinal).Select(p => ProjectResponse.From(p.Project, p.Summary))]);
        }
    }
}

internal sealed class SetProjectsStatusEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/projects/status", async Task<Results<Ok<ProjectList>, ProblemHttpResult>> (SetProjectsStatusRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SetProjectsStatusCommand(request.ProjectIds, request.Status), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .WithSummary("Archive or reactivate many projects at once, all or nothing (planner, manager or admin)")
            .WithDescription(
                "One unknown id rejects the whole call with ERR_PROJECTS_UNKNOWN_IDS, listing them in `unknownIds`. A call " +
                "that keeps meeting other writes to the same projects answers 409 ERR_CONCURRENT_CHANGES and changes nothing.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
}
