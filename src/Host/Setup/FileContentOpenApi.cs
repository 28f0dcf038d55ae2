using Microsoft.OpenApi;

namespace Tracker.Host.Setup;

/// <summary>
/// A body that is not JSON is a file (an .xlsx workbook sent to an import or answered by an export): its bytes, as
/// <c>type: string, format: binary</c>, which generated clients read as a blob or a stream. The generator gives such
/// a media type the schema of the JSON body or answer declared beside it (one type describes every content type of
/// a body or an answer), which would tell clients to send or expect JSON in a spreadsheet.
/// </summary>
internal static class FileContentOpenApi
{
    public static void Describe(OpenApiOperation operation)
    {
        Describe(operation.RequestBody?.Content);
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            Describe(response.Content);
        }
    }

    private static void Describe(IDictionary<string, OpenApiMediaType>? content)
    {
        foreach (var (mediaType, body) in content ?? new Dictionary<string, OpenApiMediaType>())
        {
            // Forms keep their fields: a file in a form is already binary there.
            if (!mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) && !mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                body.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            }
        }
    }
}
