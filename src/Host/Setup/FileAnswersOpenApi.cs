using Microsoft.OpenApi;
using Tracker.BuildingBlocks.Http;

namespace Tracker.Host.Setup;

/// <summary>
/// An endpoint that answers a file (<see cref="FileAnswers.ProducesFile"/>) declares it on its 200 answer: the
/// content type as a binary string, beside the JSON when the endpoint negotiates (Accept), and the
/// <c>Content-Disposition</c> header that names the file.
/// </summary>
internal static class FileAnswersOpenApi
{
    public static void Describe(OpenApiOperation operation, IList<object> metadata)
    {
        var files = metadata.OfType<FileAnswerMetadata>().Select(f => f.ContentType).Distinct(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return;
        }

        var responses = operation.Responses ??= new OpenApiResponses();
        if (!responses.TryGetValue("200", out var declared) || declared is not OpenApiResponse ok)
        {
            ok = new OpenApiResponse();
            responses["200"] = ok;
        }

        ok.Content ??= new Dictionary<string, OpenApiMediaType>();

        // A media type the generator listed without a schema only echoes the file's; what stays is real JSON.
        foreach (var empty in ok.Content.Where(c => c.Value.Schema is null).Select(c => c.Key).ToList())
        {
            ok.Content.Remove(empty);
        }

        var negotiated = ok.Content.Count > 0;
        foreach (var file in files)
        {
            ok.Content[file] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        }

        ok.Description = negotiated
            ? "The answer as JSON, or as a file when the Accept header asks for its type."
            : "The file, as an attachment.";
        ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
        ok.Headers["Content-Disposition"] = new OpenApiHeader
        {
            Description = negotiated
                ? "With a file answer: `attachment` with the file's ASCII name."
                : "`attachment` with the file's ASCII name, e.g. `attachment; filename=portfolio-2026-12-04.xlsx`.",
            Required = !negotiated,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }
}
