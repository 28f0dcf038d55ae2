using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;

namespace Tracker.Host.Setup;

/// <summary>
/// Query and route parameters are named as clients write them, in camelCase (binding ignores case, so
/// <c>?search=</c> and a record property <c>Search</c> meet), and carry the default their endpoint declares
/// (<c>bool dryRun = false</c>) when the generator left it out. Bounds come from <c>[Range]</c> on the property.
/// </summary>
internal static class ParametersOpenApi
{
    public static void Describe(OpenApiOperation operation, ApiDescription description)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In is not (ParameterLocation.Query or ParameterLocation.Path) || parameter.Name is not { Length: > 0 } name)
            {
                continue;
            }

            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            var declared = description.ParameterDescriptions.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (parameter.Schema is OpenApiSchema schema && schema.Default is null && DefaultOf(declared) is { } value)
            {
                schema.Default = value;
            }
        }
    }

    private static JsonNode? DefaultOf(ApiParameterDescription? parameter) => parameter?.DefaultValue switch
    {
        null or DBNull => null,
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        string text => JsonValue.Create(text),
        _ => null,
    };
}
