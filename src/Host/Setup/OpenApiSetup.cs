using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Tracker.BuildingBlocks.Modules;

namespace Tracker.Host.Setup;

/// <summary>
/// The OpenAPI 3.1 document is the contract generated clients are built from, so everything in it is derived from
/// what the host really does, never listed by hand per endpoint: operations are named and tagged by their
/// endpoint, secured ones declare the bearer scheme (anonymous ones <c>security: []</c>), enums are strings with
/// their names, query parameters are camelCase, and the problem answers, headers and the one ProblemDetails schema
/// come from the endpoint metadata (see <see cref="ProblemResponsesOpenApi"/>, <see cref="ResponseHeadersOpenApi"/>,
/// <see cref="HttpMechanismsOpenApi"/>, <see cref="RequestSchemasOpenApi"/>); bodies that are files are binary
/// (<see cref="FileContentOpenApi"/>, <see cref="FileAnswersOpenApi"/>). <c>build/contract.sh</c> lints the
/// result and compiles two generated clients against it.
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";
    public const string DocumentName = "v1";

    /// <summary>Configuration key of the public address clients use (e.g. behind a proxy); the document's server.</summary>
    public const string PublicBaseUrlKey = "Http:PublicBaseUrl";

    public static IServiceCollection AddTrackerOpenApi(this IServiceCollection services, IReadOnlyList<IModule> modules) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) is { IsEnum: true } enumType)
                {
                    DescribeEnum(schema, enumType);
                }

                RequestSchemasOpenApi.NoteOptionalMembers(schema, context.JsonTypeInfo);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                DescribeSecurity(operation, context.Document!, metadata);
                ParametersOpenApi.Describe(operation, context.Description);
                ProblemResponsesOpenApi.Describe(operation, context);
                HttpMechanismsOpenApi.Describe(operation, context.Description.HttpMethod, metadata);
                FileAnswersOpenApi.Describe(operation, metadata);
                ResponseHeadersOpenApi.Describe(operation);
                FileContentOpenApi.Describe(operation);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, context, _) =>
            {
                var configuration = context.ApplicationServices.GetRequiredService<IConfiguration>();
                DescribeDocument(document, modules, configuration[PublicBaseUrlKey]);
                ProblemResponsesOpenApi.DescribeSchema(document);
                RequestSchemasOpenApi.DescribeRequestAndAnswerSchemas(document);
                return Task.CompletedTask;
            });
        });

    private static void DescribeDocument(OpenApiDocument document, IReadOnlyList<IModule> modules, string? publicBaseUrl)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Tracker API",
            Version = DocumentName,
            Description = string.Join(
                "\n\n",
                "Tracker's HTTP API, one tag per module:\n" + string.Join("\n", modules.Select(m => $"- **{m.Title}**: {m.Description}")),
                "Sign in with `POST /api/v1/identity/login` and send the access token as `Authorization: Bearer <token>`; operations marked `security: []` need no token.",
                "Every error is RFC 9457 `application/problem+json` with a stable `code`, localised `title` and `detail` (`Accept-Language: en` or `ru`), the W3C `traceId` and the `requestId` (also the `X-Request-Id` header); field errors are in `errors`.",
                "Growing lists are paged by `limit` and `cursor` (answer: `items` and `nextCursor`). Versioned resources answer an `ETag` and take `If-Match` (412 when stale) and `If-None-Match` (304); writes marked with `Idempotency-Key` replay their stored answer to a retry."),
            License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://example.invalid/license") },
            Contact = new OpenApiContact { Name = "Tracker team" },
        };
        document.Tags = new HashSet<OpenApiTag>(modules.Select(m => new OpenApiTag { Name = m.Title, Description = m.Description }));

        // Never the request's Host header (a client could plant any address in the document): the configured
        // public address, or else "/", which is relative to wherever the document was fetched from.
        document.Servers = string.IsNullOrWhiteSpace(publicBaseUrl)
            ? [new OpenApiServer { Url = "/", Description = "The host that serves this document" }]
            : [new OpenApiServer { Url = publicBaseUrl.TrimEnd('/'), Description = "Tracker (Http:PublicBaseUrl)" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /api/v1/identity/login.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
    }

    /// <summary>
    /// Signed-in operations require the bearer scheme; anonymous ones override the document's requirement with an
    /// empty list, which OpenAPI reads as "no credentials" (an empty requirement object would mean "optional").
    /// </summary>
    private static void DescribeSecurity(OpenApiOperation operation, OpenApiDocument document, IList<object> metadata) =>
        operation.Security = IsAnonymous(metadata)
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];

    public static bool IsAnonymous(IList<object> metadata) => metadata.OfType<IAllowAnonymous>().Any();

    /// <summary>
    /// Whether authorization asks for more than a signed-in user (a role policy): only then can a signed-in caller
    /// get 403.
    /// </summary>
    public static bool RequiresRole(IList<object> metadata) =>
        !IsAnonymous(metadata)
        && (metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
            || metadata.OfType<AuthorizationPolicy>().Any(p => p.Requirements.Any(r => r is not Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement)));

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
}
