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
        endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().SelectMany(EnumValues)
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).EnumType;

    /// <summary>The enum-typed values an endpoint binds from the query or the route, directly or through [AsParameters].</summary>
    private static IEnumerable<(string Name, Type EnumType)> EnumValues(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
        {
            return parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => (Name: BoundName(p, p.Name), Type: EnumOf(p.PropertyType)))
                .Where(p => p.Type is not null)
                .Select(p => (p.Name, p.Type!));
        }

        return EnumOf(parameter.ParameterType) is { } enumType && parameter.Name is { } name
            ? [(BoundName(parameter, name), enumType)]
            : [];
    }

    private static string BoundName(ICustomAttributeProvider member, string fallback) =>
        member.GetCustomAttributes(inherit: true).OfType<IFromQueryMetadata>().FirstOrDefault()?.Name
        ?? member.GetCustomAttributes(inherit: true).OfType<IFromRouteMetadata>().FirstOrDefault()?.Name
        ?? fallback;

    private static Type? EnumOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType ? enumType : null;
}
