using Microsoft.OpenApi;
using Tracker.BuildingBlocks.Http.Concurrency;
using Tracker.BuildingBlocks.Http.Idempotency;

namespace Tracker.Host.Setup;

/// <summary>
/// Declares what the BuildingBlocks HTTP mechanisms add to an operation, read from the endpoint metadata their
/// conventions leave: ETag (<c>SupportsETag</c>), If-Match (an <see cref="IfMatch"/> parameter) and Idempotency-Key
/// (<c>SupportsIdempotency</c>) as header parameters, ETag and Idempotency-Replayed as response headers.
/// </summary>
internal static class HttpMechanismsOpenApi
{
    public static void Describe(OpenApiOperation operation, string? httpMethod, IList<object> metadata)
    {
        var etag = metadata.OfType<ETagMetadata>().Any();
        var ifMatch = metadata.OfType<IfMatchMetadata>().Any();
        var idempotent = metadata.OfType<IdempotencyMetadata>().Any();
        if (!etag && !ifMatch && !idempotent)
        {
            return;
        }

        var responses = operation.Responses ??= new OpenApiResponses();
        if (etag && HttpMethods.IsGet(httpMethod ?? string.Empty))
        {
            responses["304"] = new OpenApiResponse { Description = "Not modified" };
            AddParameter(operation, "If-None-Match", "The ETag of a copy the client holds: 304 without a body while it is still current.");
            Describe(responses, "304", "Not modified: the copy named by If-None-Match is current.");
        }

        if (ifMatch)
        {
            AddParameter(operation, "If-Match", "The ETag the change is based on: the change is made only if the resource is still at its version (the part before any `-`; else 412). `*` or no header: unconditional, applied to the newest version (409 ERR_CONCURRENT_CHANGES if other writes keep getting there first).");
            Describe(responses, "412", "ERR_VERSION_MISMATCH: the resource changed after the If-Match version; `current` holds it as it is now, and the ETag header its tag.");
            AddHeader(responses, "412", HeaderNames.ETag, "The resource's current entity tag.");
        }

        if (idempotent)
        {
            var key = AddParameter(operation, IdempotentEndpoints.KeyHeader, "A key unique to this request (e.g. a UUID), 1–255 visible ASCII characters. A retry with the same key and body gets the stored answer instead of acting again, for 24 hours.");
            key.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 };
            Describe(responses, "409", "ERR_IDEMPOTENCY_IN_PROGRESS: a request with this Idempotency-Key is still running (or another business conflict, see `code`).");
            Describe(responses, "422", "ERR_IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used with a different request.");
        }

        foreach (var status in responses.Keys.Where(s => s.StartsWith('2')).ToList())
        {
            if (etag && status != "204")
            {
                AddHeader(responses, status, HeaderNames.ETag, "Strong entity tag of the resource as answered; send it as If-Match or If-None-Match.");
            }

            if (idempotent)
            {
                AddHeader(responses, status, IdempotentEndpoints.ReplayedHeader, "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.", JsonSchemaType.Boolean);
            }
        }

        if (responses.ContainsKey("304"))
        {
            AddHeader(responses, "304", HeaderNames.ETag, "The current entity tag.");
        }
    }

    private static OpenApiParameter AddParameter(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        var parameter = new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        operation.Parameters.Add(parameter);
        return parameter;
    }

    private static void Describe(OpenApiResponses responses, string status, string description)
    {
        if (responses.TryGetValue(status, out var response) && response is OpenApiResponse concrete)
        {
            concrete.Description = string.IsNullOrEmpty(concrete.Description) || concrete.Description.Length < 25
                ? description
                : $"{concrete.Description} {description}";
        }
    }

    private static void AddHeader(OpenApiResponses responses, string status, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        if (responses.TryGetValue(status, out var response) && response is OpenApiResponse concrete)
        {
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
        }
    }

    private static class HeaderNames
    {
        public const string ETag = "ETag";
    }
}
