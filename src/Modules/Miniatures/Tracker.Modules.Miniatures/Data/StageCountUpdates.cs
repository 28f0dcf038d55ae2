using System.Linq.Expressions;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Data;

/// <summary>
/// Count changes as single conditional UPDATE statements. The database decides atomically whether enough
/// miniatures are there, so concurrent moves can never overdraw a stage, on any provider, without holding a
/// read lock across round trips. Every change of a type's counts begins with <see cref="TryBumpAsync"/> on the
/// type's row, in the same transaction: the version (the ETag) moves with the counts, the If-Match check is part of
/// that UPDATE's WHERE, and the type row is the first row every writer locks.
/// </summary>
internal static class StageCountUpdates
{
    /// <summary>Version + 1, if the type has <paramref name="expectedVersion"/> (null: any) and satisfies <paramref name="condition"/>.</summary>
    /// <returns>False when nothing changed: the type is missing, has another version, or fails the condition.</returns>
    public static async Task<bool> TryBumpAsync(this MiniaturesDbContext db, Guid typeId, long? expectedVersion, Expression<Func<MiniatureType, bool>> condition, CancellationToken cancellationToken)
    {
        var type = db.Types.Where(t => t.Id == typeId).Where(condition);
        if (expectedVersion is { } expected)
        {
            type = type.Where(t => t.Version == expected);
        }

        return await type.ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), cancellationToken) == 1;
    }

    /// <returns>False when the stage holds fewer than <paramref name="qty"/> (or the type does not exist); nothing changed then.</returns>
    public static async Task<bool> TryTakeAsync(this MiniaturesDbContext db, Guid typeId, Stage stage, int qty, CancellationToken cancellationToken) =>
        await db.StageCounts
            .Where(c => c.TypeId == typeId && c.Stage == stage && c.Count >= qty)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - qty), cancellationToken) == 1;

    /// <summary>New miniatures into IN_BOX, as long as the type stays within <see cref="Quantities.MaxPerType"/>.</summary>
    /// <returns>False when the type does not exist, has another version than <paramref name="expectedVersion"/>, or would hold too many.</returns>
    public static async Task<bool> TryPurchaseAsync(this MiniaturesDbContext db, Guid typeId, int qty, long? expectedVersion, CancellationToken cancellationToken) =>
        await db.TryBumpAsync(typeId, expectedVersion, t => t.Counts.Sum(c => c.Count) <= Quantities.MaxPerType - qty, cancellationToken)
        && await db.PutAsync(typeId, Stage.InBox, qty, cancellationToken);

    /// <returns>False when the type does not exist.</returns>
    public static async Task<bool> PutAsync(this MiniaturesDbContext db, Guid typeId, Stage stage, int qty, CancellationToken cancellationToken) =>
        await db.StageCounts
            .Where(c => c.TypeId == typeId && c.Stage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + qty), cancellationToken) == 1;
}
