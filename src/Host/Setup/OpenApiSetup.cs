using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Tracker.BuildingBlocks.Modules;

namespace Tracker.Host.Setup;

/// <summary>
/// OpenAPI 3.1 for generated clients: every operation is named and tagged by its endpoint, secured operations
/// declare the bearer scheme, and every operation documents the problem+json answers it can give.
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";
    private const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddTrackerOpenApi(this IServiceCollection services, IReadOnlyList<IModule> modules) =>
        services.AddOpenApi("v1", options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Tracker API",
                    Version = "v1",
                    Description = "Projects, Miniatures, Production, Construction and Sync behind one host. Errors are RFC 9457 problem+json with a stable `code` and the `traceId`.",
                    License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://example.invalid/license") },
                    Contact = new OpenApiContact { Name = "Tracker team" },
                };
                document.Tags = new HashSet<OpenApiTag>(modules.Select(m => new OpenApiTag { Name = m.Title, Description = m.Description }));
                foreach (var server in document.Servers ?? [])
                {
                    server.Url = server.Url?.TrimEnd('/');
                }

                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Access token from POST /api/v1/identity/login.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) is { IsEnum: true } enumType)
                {
                    DescribeEnum(schema, enumType);
                }

                if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) && schema.Properties is not null)
                {
                    schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable machine-readable error code, e.g. ERR_VALIDATION." };
                    schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "W3C trace id of the request, as in the logs." };
                    schema.Properties["current"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "ERR_VERSION_MISMATCH (412): the resource as it is now, as a GET answers it." };
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                operation.Responses ??= new OpenApiResponses();
                var problem = operation.Responses.TryGetValue("500", out var internalError) ? internalError : null;
                operation.Security ??= [];
                if (metadata.OfType<IAllowAnonymous>().Any())
                {
                    // An empty requirement states "no credentials needed" explicitly.
                    operation.Security.Add(new OpenApiSecurityRequirement());
                }
                else
                {
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                    AddProblem(operation, "401", "Not signed in, or the access token is no longer valid.", problem);
                    AddProblem(operation, "403", "The signed-in user's role does not allow this.", problem);
                }

                if (context.Description.ParameterDescriptions.Count > 0)
                {
                    AddProblem(operation, "400", "The request is malformed or fails validation (see `errors`).", problem);
                }

                HttpMechanismsOpenApi.Describe(operation, context.Description.HttpMethod, metadata);

                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// Enums are strings on the wire (a converter on the type or the host's camelCase one); generated clients need
    /// <c>type: string</c> and the names, which the generator leaves out for some converters.
    /// </summary>
    private static void DescribeEnum(OpenApiSchema schema, Type enumType)
    {
        var nullable = schema.Type is { } type && type.HasFlag(JsonSchemaType.Null);
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        if (schema.Enum is not { Count: > 0 })
        {
            schema.Enum = [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(field =>
                (JsonNode)(field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(field.Name)))];
        }
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description, IOpenApiResponse? template)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = template?.Content is { } content
                ? new Dictionary<string, OpenApiMediaType>(content)
                : new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() },
        };
    }
}
