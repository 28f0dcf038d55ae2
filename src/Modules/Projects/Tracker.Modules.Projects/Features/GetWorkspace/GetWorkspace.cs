using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetWorkspace;

internal sealed record GetWorkspaceQuery : IQuery<WorkspaceResponse>;

internal sealed class GetWorkspaceQueryHandler(ProjectsDbContext db) : IQueryHandler<GetWorkspaceQuery, WorkspaceResponse>
{
    public async ValueTask<WorkspaceResponse> Handle(GetWorkspaceQuery query, CancellationToken cancellationToken) =>
        WorkspaceResponse.From(await db.WorkspaceAsync(cancellationToken));
}

internal sealed class GetWorkspaceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/workspace", async Task<Ok<WorkspaceResponse>> (ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new GetWorkspaceQuery(), cancellationToken)))
            .SupportsETag()
            .WithSummary("The workspace settings: name, currency, locale, default in-progress coefficient, attachment limit");
}
