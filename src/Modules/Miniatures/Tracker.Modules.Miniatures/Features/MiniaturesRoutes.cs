using Tracker.Modules.Miniatures.Data;

namespace Tracker.Modules.Miniatures.Features;

internal static class MiniaturesRoutes
{
    public static RouteGroupBuilder Group(IEndpointRouteBuilder app) => app.MapModuleGroup(MiniaturesDbContext.SchemaName, MiniaturesModule.Tag);
}
