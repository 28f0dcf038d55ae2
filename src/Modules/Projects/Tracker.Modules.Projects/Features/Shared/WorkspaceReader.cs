using System.Text.Json.Serialization;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The workspace settings as clients see them; the version travels as the ETag.</summary>
internal sealed record WorkspaceResponse(string Name, string Currency, string Locale, decimal DefaultInProgressCoefficient, long MaxAttachmentBytes) : IVersionedResource
{
    [JsonIgnore]
    public long Version { get; init; }

    public static WorkspaceResponse From(Workspace w) => new(w.Name, w.Currency, w.Locale, w.DefaultInProgressCoefficient, w.MaxAttachmentBytes) { Version = w.Version };
}

internal static class WorkspaceReader
{
    /// <summary>The saved settings, or the defaults while none are saved.</summary>
    public static async Task<Workspace> WorkspaceAsync(this ProjectsDbContext db, CancellationToken cancellationToken) =>
        await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? Workspace.Defaults();
}
