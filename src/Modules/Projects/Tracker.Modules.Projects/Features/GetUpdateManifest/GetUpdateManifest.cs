using Microsoft.AspNetCore.Mvc;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetUpdateManifest;

/// <summary>What a desktop client needs to update itself.</summary>
/// <param name="Latest">The newest release (the newest stable one unless pre-releases were asked for).</param>
/// <param name="UpdateAvailable">Whether the latest is newer than <c>currentVersion</c> (true when none was given).</param>
/// <param name="Mandatory">Whether the client must update: a release newer than its version, up to the latest, is mandatory (without <c>currentVersion</c>, the latest's own flag).</param>
internal sealed record UpdateManifest(ReleaseResponse Latest, bool UpdateAvailable, bool Mandatory);

internal sealed record GetUpdateManifestQuery : IQuery<Result<(Release Latest, bool UpdateAvailable, bool Mandatory)>>
{
    /// <summary>The version the client runs (semantic), so that the answer says whether it must update.</summary>
    [FromQuery(Name = "currentVersion")]
    public string? CurrentVersion { get; init; }

    /// <summary>Offer pre-releases (2.0.0-rc.1) too.</summary>
    [FromQuery(Name = "includePreReleases")]
    public bool? IncludePreReleases { get; init; }
}

internal sealed class GetUpdateManifestQueryValidator : AbstractValidator<GetUpdateManifestQuery>
{
    public GetUpdateManifestQueryValidator() =>
        RuleFor(q => q.CurrentVersion).Must(v => v is null || SemanticVersion.TryParse(v, out _)).WithMessage("A semantic version, such as 1.4.0.");
}

internal sealed class GetUpdateManifestQueryHandler(ProjectsDbContext db) : IQueryHandler<GetUpdateManifestQuery, Result<(Release Latest, bool UpdateAvailable, bool Mandatory)>>
{
    public async ValueTask<Result<(Release Latest, bool UpdateAvailable, bool Mandatory)>> Handle(GetUpdateManifestQuery query, CancellationToken cancellationToken)
    {
        var offered = (await db.ReleasesNewestFirstAsync(cancellationToken)).Where(r => query.IncludePreReleases == true || !r.SemanticVersion.IsPreRelease).ToList();
        if (offered.Count == 0)
        {
            return ProjectsErrors.NoRelease;
        }

        var latest = offered[0];
        if (query.CurrentVersion is null)
        {
            return (latest, true, latest.Mandatory);
        }

        var current = SemanticVersion.Parse(query.CurrentVersion);
        var newer = offered.TakeWhile(r => r.SemanticVersion.CompareTo(current) > 0).ToList();
        return (latest, newer.Count > 0, newer.Any(r => r.Mandatory));
    }
}

internal sealed class GetUpdateManifestEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/updates/manifest", async Task<Results<Ok<UpdateManifest>, ProblemHttpResult>> ([AsParameters] GetUpdateManifestQuery query, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(m => TypedResults.Ok(new UpdateManifest(m.Latest.ToResponse(http), m.UpdateAvailable, m.Mandatory))))
            .AllowAnonymous()
            .WithSummary("The desktop update manifest: the latest release with its download URL, notes, SHA-256 and size (anonymous)")
            .ProducesError(StatusCodes.Status404NotFound);
}
