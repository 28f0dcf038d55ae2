using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Tracker.BuildingBlocks.Http;
using Tracker.BuildingBlocks.Http.Concurrency;
using Tracker.BuildingBlocks.Results;

namespace Tracker.Host.Setup;

/// <summary>
/// Every operation lists the problem answers it can really give, derived from what the pipeline does with its
/// endpoint (not listed per endpoint): input (parameters or a body) can be refused with 400, a body can be too large
/// (413) or of the wrong type (415), a signed-in operation answers 401 without a valid token and 403 when a role
/// policy guards it, a route with an id answers 404, a module operation 503 while its database is unreachable.
/// Business answers a slice declares itself (<c>ProducesError</c>), and those of the If-Match and Idempotency-Key
/// mechanisms, are kept. Every problem answer is <c>application/problem+json</c> with the one
/// <see cref="SchemaName"/> schema, which holds every member the API sends.
/// </summary>
internal static class ProblemResponsesOpenApi
{
    public const string SchemaName = "ProblemDetails";

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The request is malformed or fails validation: `errors` maps each bad field (its camelCase path) to its messages.",
        [401] = "ERR_UNAUTHORIZED: not signed in, or the access token is no longer valid.",
        [403] = "ERR_FORBIDDEN: the signed-in user's role does not allow this.",
        [404] = "ERR_NOT_FOUND: nothing exists with this id.",
        [409] = "The request conflicts with the current state; `code` says how.",
        [412] = "ERR_VERSION_MISMATCH: the resource changed after the If-Match version.",
        [413] = "ERR_PAYLOAD_TOO_LARGE: the request body exceeds the allowed size.",
        [415] = "ERR_UNSUPPORTED_MEDIA_TYPE: send the body as application/json.",
        [422] = "The request is well-formed but cannot be processed; `code` says why.",
        [429] = "Too many attempts: wait `retryAfterSeconds` (the Retry-After header) before trying again.",
        [500] = "ERR_INTERNAL: something went wrong on the server; quote the `traceId` when reporting it.",
        [503] = "The database is unreachable for now: try again after `retryAfterSeconds` (the Retry-After header).",
    };

    public static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var responses = operation.Responses ??= new OpenApiResponses();
        var hasBody = operation.RequestBody is not null;
        var hasInput = hasBody || operation.Parameters is { Count: > 0 };

        Add(responses, 500);
        Add(responses, 400, when: hasInput);
        Add(responses, 413, when: hasBody);
        Add(responses, 415, when: hasBody);
        Add(responses, 401, when: !OpenApiSetup.IsAnonymous(metadata));
        Add(responses, 403, when: OpenApiSetup.RequiresRole(metadata));
        Add(responses, 404, when: context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true);
        Add(responses, 412, when: metadata.OfType<IfMatchMetadata>().Any());
        Add(responses, 503, when: metadata.OfType<ModuleEndpointMetadata>().Any());

        if (operation.RequestBody?.Content is { Count: > 1 } accepted && responses.TryGetValue("415", out var unsupported) && unsupported is OpenApiResponse { Description: null or "" } concrete415)
        {
            concrete415.Description = $"ERR_UNSUPPORTED_MEDIA_TYPE: send the body as {string.Join(" or ", accepted.Keys)}.";
        }

        var problem = new OpenApiSchemaReference(SchemaName, context.Document);
        foreach (var (status, response) in responses)
        {
            if (!int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 400 || response is not OpenApiResponse concrete)
            {
                continue;
            }

            if (string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrases.GetReasonPhrase(code))
            {
                concrete.Description = Descriptions.GetValueOrDefault(code, ReasonPhrases.GetReasonPhrase(code));
            }

            concrete.Content = new Dictionary<string, OpenApiMediaType> { [ProblemResults.ProblemJson] = new() { Schema = problem } };
        }
    }

    private static void Add(OpenApiResponses responses, int status, bool when = true)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (when && !responses.ContainsKey(key))
        {
            responses[key] = new OpenApiResponse();
        }
    }

    /// <summary>The one problem schema: RFC 9457 members plus every extension member the API sends.</summary>
    public static void DescribeSchema(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[SchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details, as every error of this API is answered (`application/problem+json`).",
            Required = new HashSet<string> { ProblemResults.CodeMember, ProblemResults.TraceIdMember },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI reference naming the kind of problem.", "uri-reference"),
                ["title"] = Text("Short summary of the problem, in the request's language (en or ru)."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status code." },
                ["detail"] = Text("What went wrong in this occurrence, in the request's language."),
                ["instance"] = Text("The path of the request that failed.", "uri-reference"),
                [ProblemResults.CodeMember] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^ERR_[A-Z0-9_]+$", Description = "Stable machine-readable error code, e.g. ERR_VALIDATION; branch on this, never on texts.", Examples = [JsonValue.Create("ERR_VALIDATION")] },
                [ProblemResults.TraceIdMember] = Text("W3C trace id of the request, the same as in logs and traces."),
                [ProblemDetailsSetup.RequestIdMember] = Text("The request's id, as in the X-Request-Id header (the client's own, when it sent a well-formed one)."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Validation failures: each bad field's camelCase path (`name`, `types[2].counts`) mapped to its messages.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["available"] = Count("ERR_INSUFFICIENT_QTY: how many the source stage holds."),
                ["requested"] = Count("ERR_INSUFFICIENT_QTY: how many the request asked to move."),
                ["unknownIds"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }, Description = "A call on many resources at once (ERR_PROJECTS_UNKNOWN_IDS): the ids that name nothing; nothing was changed." },
                [RetryAfter.Member] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Description = "429 and 503: whole seconds to wait before retrying, the same as the Retry-After header." },
                [ConcurrencyErrors.CurrentMember] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "ERR_VERSION_MISMATCH (412): the resource as it is now, as its GET answers it (its ETag is in the ETag header)." },
            },
        };

        static OpenApiSchema Text(string description, string? format = null) =>
            new() { Type = JsonSchemaType.String, Format = format, Description = description };

        static OpenApiSchema Count(string description) =>
            new() { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0", Description = description };
    }
}
