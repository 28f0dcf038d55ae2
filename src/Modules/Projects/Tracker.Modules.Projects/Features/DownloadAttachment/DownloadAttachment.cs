using Tracker.BuildingBlocks.Files;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DownloadAttachment;

internal sealed record DownloadAttachmentQuery(Guid AttachmentId) : IQuery<Result<StoredFileDownload>>;

internal sealed class DownloadAttachmentQueryHandler(ProjectsDbContext db, ProjectFiles files) : IQueryHandler<DownloadAttachmentQuery, Result<StoredFileDownload>>
{
    public async ValueTask<Result<StoredFileDownload>> Handle(DownloadAttachmentQuery query, CancellationToken cancellationToken) =>
        await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AttachmentId, cancellationToken) is { } a
            ? new StoredFileDownload(files.Attachments.PathOf(a.Id), a.ServedContentType, a.FileName, a.ShowsInline, a.Sha256, a.UploadedAt)
            : ProjectsErrors.AttachmentNotFound.WithDetail(query.AttachmentId);
}

internal sealed class DownloadAttachmentEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/attachments/{id}/content", async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> (Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DownloadAttachmentQuery(id), cancellationToken)).ToHttp(file => FileDownloads.Serve(http, file)))
            .ProducesFileDownload()
            .WithSummary("An attachment's bytes, whole or a range of them")
            .WithDescription("PNG, JPEG, GIF, WebP, PDF and plain text are served as themselves, `inline`; every other type as an `attachment` of application/octet-stream. The ETag is the SHA-256 of the bytes.")
            .ProducesError(StatusCodes.Status404NotFound);
}
