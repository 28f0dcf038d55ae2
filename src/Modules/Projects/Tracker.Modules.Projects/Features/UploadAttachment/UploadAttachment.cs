using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UploadAttachment;

/// <param name="ProjectId">For a file of the project itself.</param>
/// <param name="StepId">For a file of a step (its project is the step's).</param>
/// <param name="DeclaredLength">The request's Content-Length, when it has one: a body larger than the limit is refused before it is read.</param>
internal sealed record UploadAttachmentCommand(Guid? ProjectId, Guid? StepId, string FileName, string? ContentType, long? DeclaredLength, Stream Content) : ICommand<Result<AttachmentResponse>>;

internal sealed class UploadAttachmentCommandValidator : AbstractValidator<UploadAttachmentCommand>
{
    public UploadAttachmentCommandValidator()
    {
        RuleFor(c => c.FileName).FileName();
        RuleFor(c => c.ProjectId).Must((c, projectId) => projectId is null != c.StepId is null)
            .WithMessage("Give either projectId or stepId.");
    }
}

internal sealed class UploadAttachmentCommandHandler(ProjectsDbContext db, ProjectFiles files, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<UploadAttachmentCommand, Result<AttachmentResponse>>
{
    /// <summary>
    /// Receives the body into a temporary file (hashing it, bounded by the workspace's limit), then records the row
    /// and gives the file its place in one step: any failure leaves neither.
    /// </summary>
    public async ValueTask<Result<AttachmentResponse>> Handle(UploadAttachmentCommand command, CancellationToken cancellationToken)
    {
        var projectId = command.StepId is { } stepId
            ? await db.Steps.Where(s => s.Id == stepId).Select(s => (Guid?)s.ProjectId).SingleOrDefaultAsync(cancellationToken)
            : await db.Projects.Where(p => p.Id == command.ProjectId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (projectId is null)
        {
            return OwnerNotFound(command);
        }

        var limit = (await db.WorkspaceAsync(cancellationToken)).MaxAttachmentBytes;
        if (command.DeclaredLength > limit)
        {
            return ProjectsErrors.AttachmentTooLarge.WithDetail(limit);
        }

        using var incoming = await files.Attachments.ReceiveAsync(command.Content, limit, cancellationToken);
        if (incoming is null)
        {
            return ProjectsErrors.AttachmentTooLarge.WithDetail(limit);
        }

        var now = clock.GetUtcNow();
        var attachment = Attachment.Create(
            Guid.CreateVersion7(now), projectId.Value, command.StepId, command.FileName, command.ContentType, incoming.Size, incoming.Sha256, user.Id, user.Username, now);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockContentsOfAsync(projectId.Value, cancellationToken);

        // The step key has no foreign key (see AttachmentConfiguration): under the lock that deleting steps takes,
        // the step is either still there or its delete has committed, and then the file is refused.
        if (command.StepId is { } ownerStep && !await db.Steps.AnyAsync(s => s.Id == ownerStep, cancellationToken))
        {
            return ProjectsErrors.StepNotFound.WithDetail(ownerStep);
        }

        db.Attachments.Add(attachment);
        if (!await db.TrySaveReferencesAsync(cancellationToken))
        {
            // The project (and so its steps) was deleted by a request that committed after the checks above.
            return OwnerNotFound(command);
        }

        await files.Attachments.KeepAsync(incoming, attachment.Id, () => transaction.CommitAsync(cancellationToken));

        return AttachmentResponse.From(attachment);
    }

    private static Error OwnerNotFound(UploadAttachmentCommand command) => command.StepId is { } stepId
        ? ProjectsErrors.StepNotFound.WithDetail(stepId)
        : ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId!.Value);
}

internal sealed class UploadAttachmentEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/attachments", async Task<Results<CreatedAtSlice<AttachmentResponse>, ProblemHttpResult>> (
                    [FromQuery(Name = "fileName")] string fileName, [FromQuery(Name = "projectId")] Guid? projectId, [FromQuery(Name = "stepId")] Guid? stepId,
                    HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UploadAttachmentCommand(projectId, stepId, fileName, request.ContentType, request.ContentLength, request.Body), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(GetAttachment), new { id = created.Id }, created)))
            .Accepts<byte[]>("application/octet-stream", "*/*") // the bytes of the file; described as binary
            .WithMetadata(new RequestSizeLimitAttribute(Workspace.MaxAttachmentBytesLimit))
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Attach a file to a project or to a step (any signed-in user, workers included)")
            .WithDescription(
                "The request body is the file itself, its `Content-Type` the file's type, `fileName` its name (only its last " +
                "path segment is kept, and the file is stored under an id, never under a name a client sent). A file above " +
                "the workspace's `maxAttachmentBytes` answers 413 ERR_PROJECTS_ATTACHMENT_TOO_LARGE and stores nothing. Types " +
                "a browser could run (anything but PNG, JPEG, GIF, WebP, PDF and plain text) are stored as sent, but always " +
                "served as downloads of application/octet-stream.")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge);
}
