using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Files;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>
/// At start-up, before any request: deletes the files a stopped process left behind. Files are deleted after their
/// rows' commit, so a stop in between leaves a file without a row (never a row without its file); uploads stopped
/// midway leave their temporary file.
/// </summary>
internal sealed partial class OrphanFileSweep(ProjectsDbContext db, ProjectFiles files, ILogger<OrphanFileSweep> logger) : IStartupTask
{
    private const int IdsPerQuery = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var incoming = files.Attachments.ClearIncoming() + files.Releases.ClearIncoming();
        var orphans = await SweepAsync(files.Attachments, ids => db.Attachments.Where(a => ids.Contains(a.Id)).Select(a => a.Id), cancellationToken)
            + await SweepAsync(files.Releases, ids => db.Releases.Where(r => ids.Contains(r.Id)).Select(r => r.Id), cancellationToken);
        if (incoming + orphans > 0)
        {
            LogSwept(incoming, orphans);
        }
    }

    private static async Task<int> SweepAsync(FileStore store, Func<List<Guid>, IQueryable<Guid>> existing, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in store.KeptIds().Chunk(IdsPerQuery))
        {
            var ids = batch.ToList();
            var kept = (await existing(ids).ToListAsync(cancellationToken)).ToHashSet();
            var orphans = ids.Where(id => !kept.Contains(id)).ToList();
            store.Delete(orphans);
            deleted += orphans.Count;
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Incoming} unfinished upload(s) and {Orphans} file(s) whose row was gone")]
    private partial void LogSwept(int incoming, int orphans);
}
