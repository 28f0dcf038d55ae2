using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListReleases;

internal sealed record ReleaseList(IReadOnlyList<ReleaseResponse> Items);

internal sealed record ListReleasesQuery : IQuery<List<Release>>;

internal sealed class ListReleasesQueryHandler(ProjectsDbContext db) : IQueryHandler<ListReleasesQuery, List<Release>>
{
    public async ValueTask<List<Release>> Handle(ListReleasesQuery query, CancellationToken cancellationToken) =>
        await db.ReleasesNewestFirstAsync(cancellationToken);
}

internal sealed class ListReleasesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/updates", async Task<Ok<ReleaseList>> (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(new ReleaseList((await sender.Send(new ListReleasesQuery(), cancellationToken)).ConvertAll(r => r.ToResponse(http)))))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("Every published release, newest first; one per version shipped, so not paged (admin only)")
            .ProducesError(StatusCodes.Status403Forbidden);
}
