using Microsoft.OpenApi;

namespace Tracker.Host.Setup;

/// <summary>
/// Declares the headers the pipeline adds to answers: <c>X-Request-Id</c> on every answer (see
/// <see cref="RequestIdMiddleware"/>), <c>Location</c> on 201 (generated from the target slice's route), and
/// <c>Retry-After</c> on 429 and 503 (always with the problem's <c>retryAfterSeconds</c>).
/// ETag and Idempotency-Replayed belong to their mechanisms (<see cref="HttpMechanismsOpenApi"/>).
/// </summary>
internal static class ResponseHeadersOpenApi
{
    public static void Describe(OpenApiOperation operation)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[RequestIdMiddleware.Header] = Header("The request's id: the client's own when it sent a well-formed one (1–128 of `A–Z a–z 0–9 - _ . :`), else a generated one.", JsonSchemaType.String);
            switch (status)
            {
                case "201":
                    concrete.Headers["Location"] = Header("Path of the created resource.", JsonSchemaType.String, "uri-reference");
                    break;
                case "429" or "503":
                    concrete.Headers["Retry-After"] = Header("Seconds to wait before retrying (the problem's `retryAfterSeconds`).", JsonSchemaType.Integer, "int32");
                    break;
            }
        }
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type, string? format = null) =>
        new() { Description = description, Required = true, Schema = new OpenApiSchema { Type = type, Format = format } };
}
