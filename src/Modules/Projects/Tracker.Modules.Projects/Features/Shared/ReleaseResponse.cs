using Microsoft.Extensions.DependencyInjection;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>A published release package.</summary>
/// <param name="Mandatory">Clients older than this version must install it.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the package: clients check the download against it.</param>
/// <param name="DownloadUrl">Absolute URL of the package (anonymous, range requests supported).</param>
internal sealed record ReleaseResponse(string Version, string? Notes, bool Mandatory, string FileName, long Size, string Sha256, DateTimeOffset PublishedAt, Uri DownloadUrl);

internal static class ReleaseLinks
{
    /// <summary>The package's absolute URL as seen by the client that asked (its scheme, host and path base).</summary>
    public static ReleaseResponse ToResponse(this Release release, HttpContext http) =>
        new(release.Version, release.Notes, release.Mandatory, release.FileName, release.Size, release.Sha256, release.PublishedAt, DownloadUrl(http, release.Version));

    private static Uri DownloadUrl(HttpContext http, string version) =>
        new(http.RequestServices.GetRequiredService<LinkGenerator>().GetUriByName(http, ModuleRoutes.OperationName(nameof(DownloadRelease)), new { version })
            ?? throw new InvalidOperationException("The release download route is not mapped."));

    /// <summary>Releases are few (one per version shipped): they are ordered in memory, by semantic precedence.</summary>
    public static async Task<List<Release>> ReleasesNewestFirstAsync(this Data.ProjectsDbContext db, CancellationToken cancellationToken) =>
        [.. (await db.Releases.AsNoTracking().ToListAsync(cancellationToken)).OrderByDescending(r => r.SemanticVersion)];
}
