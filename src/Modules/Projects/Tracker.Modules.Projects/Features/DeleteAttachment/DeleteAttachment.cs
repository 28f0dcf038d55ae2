using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteAttachment;

internal sealed record DeleteAttachmentCommand(Guid AttachmentId, long? ExpectedVersion) : ICommand<Result>;

internal sealed class DeleteAttachmentCommandHandler(ProjectsDbContext db, ProjectFiles files) : ICommandHandler<DeleteAttachmentCommand, Result>
{
    /// <summary>The row first, then its file: a failed delete never leaves a row without its bytes.</summary>
    public async ValueTask<Result> Handle(DeleteAttachmentCommand command, CancellationToken cancellationToken)
    {
        var deleting = db.Attachments.Where(a => a.Id == command.AttachmentId);
        if (command.ExpectedVersion is { } expected)
        {
            deleting = deleting.Where(a => a.Version == expected);
        }

        if (await deleting.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.AttachmentId, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(AttachmentResponse.From(current))
                : ProjectsErrors.AttachmentNotFound.WithDetail(command.AttachmentId);
        }

        files.Attachments.Delete(command.AttachmentId);
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
            .ProducesError(StatusCodes.Status404NotFound);
}
