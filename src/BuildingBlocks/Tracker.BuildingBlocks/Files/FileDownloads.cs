using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Tracker.BuildingBlocks.Http;

namespace Tracker.BuildingBlocks.Files;

/// <summary>Marks an operation that answers a stored file with range requests (see <see cref="FileDownloads"/>).</summary>
public sealed class FileDownloadMetadata
{
    public static readonly FileDownloadMetadata Instance = new();

    private FileDownloadMetadata()
    {
    }
}

/// <summary>A file kept by a <see cref="FileStore"/>, as it is to be downloaded.</summary>
/// <param name="Inline">Whether a browser may show it in place; otherwise it is offered as a download.</param>
/// <param name="Sha256">Hex SHA-256 of the bytes: the strong ETag, unchanged as long as the bytes are.</param>
public sealed record StoredFileDownload(string Path, string ContentType, string FileName, bool Inline, string Sha256, DateTimeOffset LastModified);

public static class FileDownloads
{
    /// <summary>
    /// The operation answers <see cref="Serve"/>: the whole file (200), a range of it (206, or 416 outside it), or
    /// 304 for a current If-None-Match; its OpenAPI description says so.
    /// </summary>
    public static RouteHandlerBuilder ProducesFileDownload(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(FileDownloadMetadata.Instance)
            .ProducesFile(Attachment)
            .Produces(StatusCodes.Status206PartialContent, contentType: Attachment)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status416RangeNotSatisfiable);

    /// <summary>What a download is described as: its real type varies from file to file.</summary>
    private const string Attachment = "application/octet-stream";

    /// <summary>
    /// Streams the file with Range, If-Range and If-None-Match handled, its name in Content-Disposition (RFC 6266,
    /// with the UTF-8 form for names beyond ASCII), and headers that stop a browser from sniffing a type or running
    /// anything the file holds.
    /// </summary>
    public static PhysicalFileHttpResult Serve(HttpContext http, StoredFileDownload file)
    {
        var disposition = new ContentDispositionHeaderValue(file.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        var headers = http.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.PhysicalFile(
            file.Path, file.ContentType, fileDownloadName: null, file.LastModified, new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }
}
