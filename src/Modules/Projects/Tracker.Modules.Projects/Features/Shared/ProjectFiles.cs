using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Files;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The module's files under the data directory: attachments, and the release packages it hosts.</summary>
internal sealed class ProjectFiles(IOptions<DatabaseOptions> database)
{
    public FileStore Attachments { get; } = new(Path.Combine(database.Value.DataDirectory, ProjectsDbContext.SchemaName, "attachments"));

    public FileStore Releases { get; } = new(Path.Combine(database.Value.DataDirectory, ProjectsDbContext.SchemaName, "releases"));
}

internal static class AttachmentFiles
{
    /// <summary>
    /// The attachments of projects or steps about to be deleted. Their rows go with the delete (the project key
    /// cascades; step attachments are deleted by <see cref="DeleteAttachmentsOfStepsAsync"/>), their files after the
    /// commit, by the caller: a rolled-back delete must find them still there.
    /// </summary>
    public static Task<List<Guid>> AttachmentsOfProjectsAsync(this ProjectsDbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken cancellationToken) =>
        db.Attachments.Where(a => projectIds.Contains(a.ProjectId)).Select(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>Deletes the attachment rows of steps (their key has no cascade: SQL Server allows one path from a project) and answers their ids.</summary>
    public static async Task<List<Guid>> DeleteAttachmentsOfStepsAsync(this ProjectsDbContext db, IReadOnlyCollection<Guid> stepIds, CancellationToken cancellationToken)
    {
        var ids = await db.Attachments.Where(a => a.StepId != null && stepIds.Contains(a.StepId.Value)).Select(a => a.Id).ToListAsync(cancellationToken);
        if (ids.Count > 0)
        {
            await db.Attachments.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return ids;
    }
}
