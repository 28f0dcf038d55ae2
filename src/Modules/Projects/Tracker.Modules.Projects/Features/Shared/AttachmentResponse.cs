using System.Text.Json.Serialization;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>An attachment's description; its bytes are at <c>attachments/{id}/content</c>.</summary>
/// <param name="StepId">Null for a file of the project itself.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes (the download's ETag).</param>
internal sealed record AttachmentResponse(
    Guid Id,
    Guid ProjectId,
    Guid? StepId,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    Guid UploadedBy,
    string UploadedByName,
    DateTimeOffset UploadedAt) : IVersionedResource
{
    [JsonIgnore]
    public long Version { get; init; }

    public static AttachmentResponse From(Attachment a) =>
        new(a.Id, a.ProjectId, a.StepId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedByName, a.UploadedAt) { Version = a.Version };
}
