using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteRelease;

internal sealed record DeleteReleaseCommand(string Version) : ICommand<Result>;

internal sealed class DeleteReleaseCommandHandler(ProjectsDbContext db, ProjectFiles files) : ICommandHandler<DeleteReleaseCommand, Result>
{
    /// <summary>Withdraws a release (the manifest falls back to the one before); the row first, then its package.</summary>
    public async ValueTask<Result> Handle(DeleteReleaseCommand command, CancellationToken cancellationToken)
    {
        var key = SemanticVersion.TryParse(command.Version, out var version) ? version.PrecedenceKey : null;
        var id = await db.Releases.Where(r => r.PrecedenceKey == key).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null || await db.Releases.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return ProjectsErrors.ReleaseNotFound.WithDetail(command.Version);
        }

        files.Releases.Delete(id.Value);
        return Result.Success();
    }
}

internal sealed class DeleteReleaseEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/updates/{version}", async Task<Results<NoContent, ProblemHttpResult>> (string version, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteReleaseCommand(version), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("Withdraw a release and its package (admin only)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
