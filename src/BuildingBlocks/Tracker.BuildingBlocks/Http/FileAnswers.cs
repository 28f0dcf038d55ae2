using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tracker.BuildingBlocks.Http;

/// <summary>The endpoint answers 200 with a file of this content type, sent as an attachment.</summary>
public sealed record FileAnswerMetadata(string ContentType);

/// <summary>Endpoints that answer files (exports): how they say so, and how they read what the client accepts.</summary>
public static class FileAnswers
{
    /// <summary>
    /// Documents that the 200 answer is a file of <paramref name="contentType"/> (next to the JSON, when the endpoint
    /// also answers JSON): the host's OpenAPI document describes it as binary with its Content-Disposition.
    /// </summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.WithMetadata(new FileAnswerMetadata(contentType));

    /// <summary>
    /// Whether the client asks for <paramref name="mediaType"/> rather than JSON: its Accept header names the type
    /// itself (not through a wildcard) with a quality above 0 and at least that of any JSON type it names. No
    /// Accept, <c>*/*</c> or <c>application/json</c> keep the JSON answer.
    /// </summary>
    public static bool Accepts(this HttpRequest request, string mediaType)
    {
        var accepted = request.GetTypedHeaders().Accept;
        var file = accepted.Where(a => string.Equals(a.MediaType.Value, mediaType, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var json = accepted.Where(a => a.MediaType.Value?.Contains("json", StringComparison.OrdinalIgnoreCase) == true).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return file > 0 && file >= json;
    }
}
