using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tracker.BuildingBlocks.Http;

public static class ModuleRoutes
{
    /// <summary>
    /// The route group of a module: <c>/api/v1/{module}</c>, tagged with the module's name in OpenAPI. Its endpoints
    /// require a signed-in user unless they opt out with AllowAnonymous.
    /// </summary>
    public static RouteGroupBuilder MapModuleGroup(this IEndpointRouteBuilder app, string module, string tag) =>
        app.MapGroup($"/api/v1/{module}").WithTags(tag).RequireAuthorization().ProducesProblem(StatusCodes.Status500InternalServerError);

    /// <summary>Documents a business error response of an endpoint (problem+json).</summary>
    public static RouteHandlerBuilder ProducesError(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
