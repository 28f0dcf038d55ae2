using Tracker.BuildingBlocks.Files;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DownloadRelease;

internal sealed record DownloadReleaseQuery(string Version) : IQuery<Result<StoredFileDownload>>;

internal sealed class DownloadReleaseQueryHandler(ProjectsDbContext db, ProjectFiles files) : IQueryHandler<DownloadReleaseQuery, Result<StoredFileDownload>>
{
    public async ValueTask<Result<StoredFileDownload>> Handle(DownloadReleaseQuery query, CancellationToken cancellationToken)
    {
        var key = SemanticVersion.TryParse(query.Version, out var version) ? version.PrecedenceKey : null;
        return await db.Releases.AsNoTracking().SingleOrDefaultAsync(r => r.PrecedenceKey == key, cancellationToken) is { } release
            ? new StoredFileDownload(files.Releases.PathOf(release.Id), Attachment.DefaultContentType, release.FileName, Inline: false, release.Sha256, release.PublishedAt)
            : ProjectsErrors.ReleaseNotFound.WithDetail(query.Version);
    }
}

internal sealed class DownloadReleaseEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/updates/{version}/package", async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> (string version, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DownloadReleaseQuery(version), cancellationToken)).ToHttp(file => FileDownloads.Serve(http, file)))
            .AllowAnonymous()
            .ProducesFileDownload()
            .WithSummary("A release package, whole or a range of it, to resume an interrupted download (anonymous)")
            .ProducesError(StatusCodes.Status404NotFound);
}
