using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.SetProjectCover;

/// <param name="AttachmentId">One of the project's own image files (PNG, JPEG, GIF or WebP); left out or null, the cover is cleared.</param>
internal sealed record SetProjectCoverRequest(Guid? AttachmentId = null);

internal sealed record SetProjectCoverCommand(Guid ProjectId, Guid? AttachmentId, long? ExpectedVersion) : ICommand<Result<ProjectResponse>>;

internal sealed class SetProjectCoverCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<SetProjectCoverCommand, Result<ProjectResponse>>
{
    /// <summary>Under the project's contents lock, which deleting one of its files takes too (see DeleteAttachment).</summary>
    public async ValueTask<Result<ProjectResponse>> Handle(SetProjectCoverCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<ProjectResponse>(command.ExpectedVersion, async () =>
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            await db.LockContentsOfAsync(command.ProjectId, cancellationToken);
            var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == command.ProjectId, cancellationToken);
            if (project is null)
            {
                return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
            }

            if (command.ExpectedVersion is { } expected && project.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith((await db.FindProjectAsync(project.Id, cancellationToken))!);
            }

            if (command.AttachmentId is { } attachmentId)
            {
                var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken);
                if (attachment is null)
                {
                    return ProjectsErrors.AttachmentNotFound.WithDetail(attachmentId);
                }

                if (!attachment.CanBeCoverOf(project.Id))
                {
                    return ProjectsErrors.CoverNotAnImageOfProject.WithDetail(attachmentId);
                }
            }

            project.SetCover(command.AttachmentId, clock.GetUtcNow());
            var saved = await db.SaveVersionedAsync(
                () => db.FindProjectAsync(command.ProjectId, cancellationToken),
                ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId),
                // The attachment went with its step or project after it was read above.
                () => Task.FromResult(ProjectsErrors.AttachmentNotFound.WithDetail(command.AttachmentId!.Value)),
                cancellationToken);
            if (!saved.IsFailure)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return saved;
        });
    }
}

internal sealed class SetProjectCoverEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/projects/{id}/cover", async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> (Guid id, SetProjectCoverRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SetProjectCoverCommand(id, request.AttachmentId, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Set or clear a project's cover image: one of its own image attachments (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
}
