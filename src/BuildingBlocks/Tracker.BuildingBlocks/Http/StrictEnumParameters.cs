using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Tracker.BuildingBlocks.Json;

namespace Tracker.BuildingBlocks.Http;

/// <summary>
/// Query and route values of enum parameters hold exactly one <see cref="WireEnum"/> name. Minimal API binding
/// parses enums with <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>, which also takes "2", " admin" and
/// "manager, planner" (and joins repeated query values with commas first); it cannot be replaced for enums, so this
/// filter looks at the raw values of those parameters once binding succeeded. Endpoints without enum parameters
/// get no filter at all.
/// </summary>
public static class StrictEnumParameters
{
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters().SelectMany(EnumValues).ToArray();
        if (parameters.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            var request = invocation.HttpContext.Request;
            Dictionary<string, string[]>? errors = null;
            foreach (var (name, enumType) in parameters)
            {
                var values = request.RouteValues.TryGetValue(name, out var routeValue)
                    ? [Convert.ToString(routeValue, CultureInfo.InvariantCulture)]
                    : request.Query[name].ToArray();
                if (values.Length == 0 || values is [var single] && WireEnum.IsName(enumType, single))
                {
                    continue;
                }

                errors ??= [];
                errors[char.ToLowerInvariant(name[0]) + name[1..]] = [WireEnum.NotOneOf(enumType).In(CultureInfo.CurrentUICulture)];
            }

            return errors is null ? next(invocation) : throw new RequestValidationException(errors);
        };
    }

    /// <summary>
    /// The enum type of the query or route parameter <paramref name="name"/> (as the client wrote it) of an
    /// endpoint, for messages about values binding could not read at all ("Admin").
    /// </summary>
    public static Type? EnumTypeOf(Endpoint? endpoint, string name) =>
        BoundValues(endpoint).Where(v => string.Equals(v.WireName, name, StringComparison.OrdinalIgnoreCase))
            .Select(v => EnumOf(v.Type)).FirstOrDefault();

    /// <summary>The name a client writes for the value the endpoint binds to <paramref name="clrName"/> (<c>[FromRoute(Name = "id")] TypeId</c> is <c>id</c>).</summary>
    public static string? WireNameOf(Endpoint? endpoint, string clrName) =>
        BoundValues(endpoint).Where(v => string.Equals(v.ClrName, clrName, StringComparison.Ordinal)).Select(v => v.WireName).FirstOrDefault();

    /// <summary>The enum-typed values an endpoint binds from the query or the route, directly or through [AsParameters].</summary>
    private static IEnumerable<(string Name, Type EnumType)> EnumValues(ParameterInfo parameter) =>
        BoundValues(parameter).Where(v => EnumOf(v.Type) is not null).Select(v => (v.WireName, EnumOf(v.Type)!));

    private static IEnumerable<(string ClrName, string WireName, Type Type)> BoundValues(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().SelectMany(BoundValues) ?? [];

    /// <summary>What a parameter binds: itself, or with [AsParameters] each settable property of its type.</summary>
    private static IEnumerable<(string ClrName, string WireName, Type Type)> BoundValues(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
        {
            return parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => (p.Name, BoundName(p, p.Name), p.PropertyType));
        }

        return parameter.Name is { } name ? [(name, BoundName(parameter, name), parameter.ParameterType)] : [];
    }

    private static string BoundName(ICustomAttributeProvider member, string fallback) =>
        member.GetCustomAttributes(inherit: true).OfType<IFromQueryMetadata>().FirstOrDefault()?.Name
        ?? member.GetCustomAttributes(inherit: true).OfType<IFromRouteMetadata>().FirstOrDefault()?.Name
        ?? fallback;

    private static Type? EnumOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType ? enumType : null;
}
