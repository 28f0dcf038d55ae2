using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Tracker.Modules.Projects.Features.Shared.Office;

/// <summary>A generated Office document, answered as a download named <see cref="FileName"/>.</summary>
internal sealed record OfficeFile(string FileName, string ContentType, byte[] Content)
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /// <summary>200 with the content type and <c>Content-Disposition: attachment; filename=...</c>.</summary>
    public FileContentHttpResult ToHttp() => TypedResults.File(Content, ContentType, FileName);
}

/// <summary>Writes an Office package and returns its bytes.</summary>
internal static class OfficePackage
{
    /// <summary>The package's relationship to its main part, named here: the SDK would make up a random one.</summary>
    public const string MainRelationship = "rId1";

    /// <summary>The zip epoch: every entry carries it instead of the time it was written.</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The content type of the package's main part (workbook, document or presentation) as its type declares it.</summary>
    public static string MainContentType(OpenXmlPackage package) => package switch
    {
        SpreadsheetDocument spreadsheet => spreadsheet.DocumentType == SpreadsheetDocumentType.Workbook ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" : throw Unexpected(),
        WordprocessingDocument word => word.DocumentType == WordprocessingDocumentType.Document ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" : throw Unexpected(),
        PresentationDocument presentation => presentation.DocumentType == PresentationDocumentType.Presentation ? "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml" : throw Unexpected(),
        _ => throw Unexpected(),
    };

    private static NotSupportedException Unexpected() => new("Only workbooks, documents and presentations are written.");

    /// <summary>
    /// Runs <paramref name="write"/> on a seekable stream (the SDK reads back what it writes) and returns the package
    /// with every zip entry dated <see cref="EntryTime"/>: the SDK dates entries with the clock, and an export whose
    /// bytes depend only on the data can be compared, cached and tested.
    /// </summary>
    public static byte[] Write(Action<Stream> write)
    {
        using var written = new MemoryStream();
        write(written);
        written.Position = 0;
        using var output = new MemoryStream(capacity: (int)written.Length);
        using (var source = new ZipArchive(written, ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
