using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>
/// At start-up, before any request: counts the progress of projects that have no <see cref="KeptProgress"/> row yet
/// (those made before it was kept). The count is made here rather than in the migration's SQL because the rule
/// rounds decimals, which SQLite keeps as text. After the first start it finds nothing and costs one query.
/// </summary>
internal sealed partial class KeptProgressBackfill(ProjectsDbContext db, ILogger<KeptProgressBackfill> logger) : IStartupTask
{
    private const int ProjectsPerTransaction = 200;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var counted = 0;
        while (await Missing().AnyAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            // Another host sharing the database may be counting them too: one at a time, and only what is still missing.
            await db.Database.AcquireTransactionLockAsync("projects:progress-backfill", cancellationToken);
            var batch = await Missing().Take(ProjectsPerTransaction).ToListAsync(cancellationToken);
            db.KeptProgress.AddRange(batch.Select(p => KeptProgress.Start(p.Id, p.InProgressCoefficient)));
            await db.SaveChangesAsync(cancellationToken);
            await db.RecountProgressAsync(batch.Select(p => p.Id), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            counted += batch.Count;
        }

        if (counted > 0)
        {
            LogCounted(counted);
        }
    }

    private IQueryable<Project> Missing() =>
        db.Projects.AsNoTracking().Where(p => !db.KeptProgress.Any(k => k.ProjectId == p.Id)).OrderBy(p => p.Id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted the progress of {Projects} project(s) made before it was kept")]
    private partial void LogCounted(int projects);
}
