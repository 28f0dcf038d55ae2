using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Data;

/// <summary>
/// Count changes as single conditional UPDATE statements. The database decides atomically whether enough
/// miniatures are there, so concurrent moves can never overdraw a stage, on any provider, without holding a
/// read lock across round trips.
/// </summary>
internal static class StageCountUpdates
{
    /// <returns>False when the stage holds fewer than <paramref name="qty"/> (or the type does not exist); nothing changed then.</returns>
    public static async Task<bool> TryTakeAsync(this MiniaturesDbContext db, Guid typeId, Stage stage, int qty, CancellationToken cancellationToken) =>
        await db.StageCounts
            .Where(c => c.TypeId == typeId && c.Stage == stage && c.Count >= qty)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - qty), cancellationToken) == 1;

    /// <summary>New miniatures into IN_BOX, as long as the type stays within <see cref="Quantities.MaxPerType"/>.</summary>
    /// <returns>False when the type does not exist or would hold too many.</returns>
    public static async Task<bool> TryPurchaseAsync(this MiniaturesDbContext db, Guid typeId, int qty, CancellationToken cancellationToken) =>
        await db.StageCounts
            .Where(c => c.TypeId == typeId && c.Stage == Stage.InBox
                && db.StageCounts.Where(o => o.TypeId == typeId).Sum(o => o.Count) <= Quantities.MaxPerType - qty)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + qty), cancellationToken) == 1;

    /// <returns>False when the type does not exist.</returns>
    public static async Task<bool> PutAsync(this MiniaturesDbContext db, Guid typeId, Stage stage, int qty, CancellationToken cancellationToken) =>
        await db.StageCounts
            .Where(c => c.TypeId == typeId && c.Stage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + qty), cancellationToken) == 1;
}
