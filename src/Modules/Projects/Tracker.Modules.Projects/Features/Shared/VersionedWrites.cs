using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>Saving a change to a versioned row (its version is a concurrency token in the UPDATE's WHERE).</summary>
internal static class VersionedWrites
{
    /// <summary>
    /// Saves, then answers the row as it is now. A change that another request saved in between (the UPDATE
    /// matched no row) answers 412 with the current state, as a stale If-Match does; a unique violation answers
    /// <paramref name="uniqueConflict"/> (or throws when the row has nothing unique to clash on).
    /// </summary>
    public static async Task<Result<T>> SaveVersionedAsync<T>(this ProjectsDbContext db, Func<Task<T?>> readCurrent, Error notFound, Error? uniqueConflict, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            if (uniqueConflict is null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            else if (!await db.TrySaveUniqueAsync(cancellationToken))
            {
                return uniqueConflict;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await readCurrent() is { } changed ? ConcurrencyErrors.VersionMismatchWith(changed) : notFound;
        }

        return await readCurrent() is { } current ? current : notFound;
    }
}
