using Tracker.Modules.Identity.Data;

namespace Tracker.Modules.Identity.Features;

internal static class IdentityRoutes
{
    public static RouteGroupBuilder Group(IEndpointRouteBuilder app) => app.MapModuleGroup(IdentityDbContext.SchemaName, IdentityModule.Tag);
}
