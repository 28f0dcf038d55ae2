using Microsoft.OpenApi;
using Tracker.BuildingBlocks.Files;
using Tracker.BuildingBlocks.Http;

namespace Tracker.Host.Setup;

/// <summary>
/// An endpoint that answers a file (<see cref="FileAnswers.ProducesFile"/>) declares it on its 200 answer: the
/// content type as a binary string, beside the JSON when the endpoint negotiates (Accept), and the
/// <c>Content-Disposition</c> header that names the file. A stored file's download
/// (<see cref="FileDownloads.ProducesFileDownload"/>) also declares its range and conditional requests.
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

        if (metadata.OfType<FileDownloadMetadata>().Any())
        {
            DescribeRanges(operation, responses, ok);
        }
    }

    private static void DescribeRanges(OpenApiOperation operation, OpenApiResponses responses, OpenApiResponse ok)
    {
        ok.Description = "The whole file. Its `inline` or `attachment` disposition and its type say how a browser may show it.";
        ok.Headers!["Content-Disposition"] = Header("`inline` or `attachment`, with the file's name (`filename*` in UTF-8 when it is not ASCII).", required: true);
        ok.Headers["ETag"] = Header("The SHA-256 of the bytes, quoted: unchanged as long as they are.", required: true);
        ok.Headers["Accept-Ranges"] = Header("`bytes`: parts of the file can be asked for with Range.", required: true);
        operation.Parameters ??= [];
        operation.Parameters.Add(HeaderParameter("Range", "A part of the file, e.g. `bytes=1000-` to resume a download: 206 with that part, or 416 when it lies outside the file."));
        operation.Parameters.Add(HeaderParameter("If-Range", "The ETag the client's part came from: the Range is served only while the file still has it (else the whole file)."));
        operation.Parameters.Add(HeaderParameter("If-None-Match", "The ETag of a copy the client holds: 304 without a body while it is current."));
        if (responses.TryGetValue("206", out var partial) && partial is OpenApiResponse part)
        {
            part.Description = "The part asked for by Range.";
            part.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            };
            part.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Content-Range"] = Header("Which bytes of the file this is, e.g. `bytes 1000-1999/200000`.", required: true),
                ["ETag"] = Header("The SHA-256 of the whole file, quoted.", required: true),
            };
        }

        Describe(responses, "304", "Not modified: the copy named by If-None-Match is current.");
        if (responses.TryGetValue("304", out var notModified) && notModified is OpenApiResponse current)
        {
            current.Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = Header("The current entity tag.", required: true) };
        }

        Describe(responses, "416", "The Range lies outside the file; Content-Range gives its length.");
    }

    private static void Describe(OpenApiResponses responses, string status, string description)
    {
        if (responses.TryGetValue(status, out var response) && response is OpenApiResponse concrete)
        {
            concrete.Description = description;
        }
    }

    private static OpenApiHeader Header(string description, bool required) =>
        new() { Description = description, Required = required, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static OpenApiParameter HeaderParameter(string name, string description) =>
        new() { Name = name, In = ParameterLocation.Header, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
