using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tracker.BuildingBlocks.Http;

/// <summary>
/// 201 Created whose Location is generated from another slice's route (its operation name) and route values,
/// as a path: it holds whatever host or proxy the client came through.
/// </summary>
public sealed class CreatedAtSlice<TValue>(string routeName, object routeValues, TValue value)
    : IResult, IStatusCodeHttpResult, IValueHttpResult<TValue>, IValueHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status201Created;

    public TValue Value => value;

    object? IValueHttpResult.Value => value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var links = httpContext.RequestServices.GetRequiredService<LinkGenerator>();
        var location = links.GetPathByName(httpContext, routeName, routeValues)
            ?? throw new InvalidOperationException($"No route named {routeName} matches the values given for the Location.");
        return TypedResults.Created(location, value).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(TValue), ["application/json"]));
}
