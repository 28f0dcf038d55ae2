using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Modules;

namespace Tracker.BuildingBlocks.Http;

/// <summary>Marks an endpoint with the module that owns it (its route group).</summary>
public sealed record ModuleEndpointMetadata(string Module);

/// <summary>
/// Owns every module's routes: a module's slices map relative routes onto the group BuildingBlocks gives them, so
/// the prefix, the OpenAPI tag, the default authorization and the operation name are decided here, once.
/// </summary>
public static class ModuleRoutes
{
    private const string FeaturesNamespace = ".Features.";

    public static string PrefixOf(string module) => $"/api/v1/{module}";

    /// <summary>
    /// Maps each module's Carter endpoints under <c>/api/v1/{module}</c>, tagged with the module's title and
    /// requiring a signed-in user unless a route says AllowAnonymous. Each slice gets a group of its own named after
    /// its folder (<c>Features/MoveMiniatures</c> becomes the operation <c>moveMiniatures</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapTrackerModules(this IEndpointRouteBuilder app)
    {
        var slices = app.ServiceProvider.GetServices<ICarterModule>().ToLookup(slice => slice.GetType().Assembly);
        foreach (var module in app.ServiceProvider.GetRequiredService<TrackerModuleList>().Modules)
        {
            var group = app.MapGroup(PrefixOf(module.Name))
                .WithTags(module.Title)
                .WithMetadata(new ModuleEndpointMetadata(module.Name))
                .RequireAuthorization()
                .ProducesProblem(StatusCodes.Status500InternalServerError);
            group.AddEndpointFilterFactory(StrictEnumParameters.Filter);
            foreach (var slice in slices[module.GetType().Assembly])
            {
                slice.AddRoutes(group.MapGroup(string.Empty).WithName(OperationName(SliceOf(slice.GetType()))));
            }
        }

        return app;
    }

    /// <summary>The operation name (OpenAPI operationId and route name) of a slice: its folder name in camelCase.</summary>
    public static string OperationName(string slice) => char.ToLowerInvariant(slice[0]) + slice[1..];

    /// <summary>The use case a type belongs to: the folder right under <c>Features</c>.</summary>
    public static string SliceOf(Type type)
    {
        var ns = type.Namespace ?? string.Empty;
        var start = ns.IndexOf(FeaturesNamespace, StringComparison.Ordinal);
        return start < 0 || ns.IndexOf('.', start + FeaturesNamespace.Length) >= 0
            ? throw new InvalidOperationException($"Endpoint {type.FullName} must live in its slice's folder, Features/<UseCase>.")
            : ns[(start + FeaturesNamespace.Length)..];
    }

    /// <summary>
    /// 201 Created whose Location is the route of another slice of the module, e.g.
    /// <c>CreatedAt(nameof(GetMiniatureType), new { id }, type)</c>: the link is generated, never typed by hand.
    /// </summary>
    public static CreatedAtSlice<T> CreatedAt<T>(string slice, object routeValues, T value) =>
        new(OperationName(slice), routeValues, value);

    /// <summary>Documents business error responses of an endpoint (problem+json).</summary>
    public static RouteHandlerBuilder ProducesError(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
