using System.Collections.Frozen;
using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Projects.Domain;

/// <summary>
/// A file on a project or on one of its steps. The row describes it (the name the uploader gave, its type, size and
/// SHA-256); the bytes are kept by the module under the data directory, named by the row's id.
/// </summary>
internal sealed class Attachment
{
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 127;
    public const string DefaultContentType = "application/octet-stream";
    public const long FirstVersion = 1;

    /// <summary>
    /// Types a browser may show in place: they run no script. Every other type is served as a download of
    /// <see cref="DefaultContentType"/>, whatever the uploader called it, so a stored page cannot run in the API's
    /// origin.
    /// </summary>
    private static readonly FrozenSet<string> InlineTypes = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain");

    private Attachment()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    /// <summary>Null for a file of the project itself.</summary>
    public Guid? StepId { get; private set; }

    /// <summary>The name shown and offered on download: the last segment of what the uploader sent.</summary>
    public string FileName { get; private set; } = string.Empty;

    /// <summary>The media type the uploader declared (type/subtype, lower case, without parameters).</summary>
    public string ContentType { get; private set; } = DefaultContentType;

    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the bytes; also the download's strong ETag.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    public Guid UploadedBy { get; private set; }

    /// <summary>The uploader's username when they uploaded it.</summary>
    public string UploadedByName { get; private set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; private set; }

    public long Version { get; private set; }

    public bool ShowsInline => InlineTypes.Contains(ContentType);

    /// <summary>A project's cover is a file of the project itself (not of one of its steps) that browsers show as an image.</summary>
    public bool CanBeCoverOf(Guid projectId) =>
        ProjectId == projectId && StepId is null && ShowsInline && ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a download is served as: the declared type only when it is safe to show.</summary>
    public string ServedContentType => ShowsInline ? ContentType : DefaultContentType;

    public static Attachment Create(Guid id, Guid projectId, Guid? stepId, string fileName, string? contentType, long size, string sha256, Guid uploadedBy, string uploadedByName, DateTimeOffset now) => new()
    {
        Id = id,
        ProjectId = projectId,
        StepId = stepId,
        FileName = CleanFileName(fileName),
        ContentType = NormalizeContentType(contentType),
        Size = size,
        Sha256 = sha256,
        UploadedBy = uploadedBy,
        UploadedByName = uploadedByName,
        UploadedAt = Timestamps.Normalize(now),
        Version = FirstVersion,
    };

    public void Rename(string fileName)
    {
        FileName = CleanFileName(fileName);
        Version++;
    }

    /// <summary>
    /// The last segment of a name, whichever separator the uploader's system uses: <c>../../etc/passwd</c> is
    /// <c>passwd</c>. Only ever shown; the stored file is named by the id.
    /// </summary>
    public static string CleanFileName(string name)
    {
        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        return UnicodeText.CleanName(last);
    }

    /// <summary>A name is usable when something other than dots is left of it.</summary>
    public static bool IsUsableFileName(string name) => CleanFileName(name).Trim('.').Length > 0;

    /// <summary>Lower-cased type/subtype without parameters; anything unparsable counts as unknown binary.</summary>
    public static string NormalizeContentType(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Value is { Length: > 0 and <= ContentTypeMaxLength } mediaType
        && !parsed.MatchesAllTypes && !parsed.MatchesAllSubTypes
            ? mediaType.ToLowerInvariant()
            : DefaultContentType;
}
