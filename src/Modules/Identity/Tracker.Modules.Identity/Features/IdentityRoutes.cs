using Microsoft.AspNetCore.Routing;
using Tracker.BuildingBlocks.Http;

namespace Tracker.Modules.Identity.Features;

internal static class IdentityRoutes
{
    public static RouteGroupBuilder Group(IEndpointRouteBuilder app) => app.MapModuleGroup("identity", "Identity");
}
