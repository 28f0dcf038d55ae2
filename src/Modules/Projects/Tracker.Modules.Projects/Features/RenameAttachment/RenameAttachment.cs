using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.RenameAttachment;

internal sealed record RenameAttachmentRequest(string FileName);

internal sealed record RenameAttachmentCommand(Guid AttachmentId, string FileName, long? ExpectedVersion) : ICommand<Result<AttachmentResponse>>;

internal sealed class RenameAttachmentCommandValidator : AbstractValidator<RenameAttachmentCommand>
{
    public RenameAttachmentCommandValidator() =>
        RuleFor(c => c.FileName).FileName();
}

internal sealed class RenameAttachmentCommandHandler(ProjectsDbContext db) : ICommandHandler<RenameAttachmentCommand, Result<AttachmentResponse>>
{
    public async ValueTask<Result<AttachmentResponse>> Handle(RenameAttachmentCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<AttachmentResponse>(command.ExpectedVersion, async () =>
        {
            var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == command.AttachmentId, cancellationToken);
            if (attachment is null)
            {
                return ProjectsErrors.AttachmentNotFound.WithDetail(command.AttachmentId);
            }

            if (command.ExpectedVersion is { } expected && attachment.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(AttachmentResponse.From(attachment));
            }

            attachment.Rename(command.FileName);
            return await db.SaveVersionedAsync(
                async () => await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.AttachmentId, cancellationToken) is { } a ? AttachmentResponse.From(a) : null,
                ProjectsErrors.AttachmentNotFound.WithDetail(command.AttachmentId),
                uniqueConflict: null,
                cancellationToken);
        });
    }
}

internal sealed class RenameAttachmentEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/attachments/{id}", async Task<Results<Ok<AttachmentResponse>, ProblemHttpResult>> (Guid id, RenameAttachmentRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RenameAttachmentCommand(id, request.FileName, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("Rename an attachment (any signed-in user); its bytes stay as they are")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
