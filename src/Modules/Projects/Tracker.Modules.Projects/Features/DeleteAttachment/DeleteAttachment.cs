using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteAttachment;

internal sealed record DeleteAttachmentCommand(Guid AttachmentId, long? ExpectedVersion) : ICommand<Result>;

internal sealed class DeleteAttachmentCommandHandler(ProjectsDbContext db, ProjectFiles files, TimeProvider clock) : ICommandHandler<DeleteAttachmentCommand, Result>
{
    /// <summary>
    /// The row first, then its file: a failed delete never leaves a row without its bytes. A project whose cover it
    /// is loses its cover (a new version) in the same transaction, under the project's contents lock, which a change
    /// of cover takes too: the two never wait for each other's rows in a circle.
    /// </summary>
    public async ValueTask<Result> Handle(DeleteAttachmentCommand command, CancellationToken cancellationToken)
    {
        var id = command.AttachmentId;
        var deleting = db.Attachments.Where(a => a.Id == id);
        if (command.ExpectedVersion is { } expected)
        {
            deleting = deleting.Where(a => a.Version == expected);
        }

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        if (await db.Attachments.Where(a => a.Id == id).Select(a => (Guid?)a.ProjectId).SingleOrDefaultAsync(cancellationToken) is { } projectId)
        {
            await db.LockContentsOfAsync(projectId, cancellationToken);
        }

        var now = Timestamps.Normalize(clock.GetUtcNow());
        await db.Projects.Where(p => p.CoverAttachmentId == id).ExecuteUpdateAsync(
            p => p.SetProperty(x => x.CoverAttachmentId, (Guid?)null).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1),
            cancellationToken);
        int deleted;
        try
        {
            deleted = await deleting.ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception.IsForeignKeyViolation())
        {
            // A request made it a cover after the covers were cleared above.
            return ConcurrencyErrors.ConcurrentChanges;
        }

        if (deleted == 0)
        {
            return await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(AttachmentResponse.From(current))
                : ProjectsErrors.AttachmentNotFound.WithDetail(id);
        }

        await transaction.CommitAsync(cancellationToken);
        files.Attachments.Delete(id);
        return Result.Success();
    }
}

internal sealed class DeleteAttachmentEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/attachments/{id}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteAttachmentCommand(id, ifMatch.Version), cancellationToken)).ToHttp())
            .SupportsETag()
            .WithSummary("Delete an attachment and its bytes (any signed-in user)")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
