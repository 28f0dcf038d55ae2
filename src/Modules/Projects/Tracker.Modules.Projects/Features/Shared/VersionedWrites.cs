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
    public static Task<Result<T>> SaveVersionedAsync<T>(this ProjectsDbContext db, Func<Task<T?>> readCurrent, Error notFound, Error? uniqueConflict, CancellationToken cancellationToken)
        where T : class =>
        db.SaveVersionedAsync(readCurrent, notFound, uniqueConflict is null ? null : () => Task.FromResult(uniqueConflict), cancellationToken);

    /// <summary>
    /// As above, for a row that points to others: when a unique index or a foreign key refuses the save (a value
    /// taken, or a row it points to deleted by a request that committed meanwhile), <paramref name="refusal"/>
    /// reads which of them it was.
    /// </summary>
    public static async Task<Result<T>> SaveVersionedAsync<T>(this ProjectsDbContext db, Func<Task<T?>> readCurrent, Error notFound, Func<Task<Error>>? refusal, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            if (refusal is null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            else if (!await db.TrySaveUniqueAndReferencesAsync(cancellationToken))
            {
                return await refusal();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await readCurrent() is { } changed ? ConcurrencyErrors.VersionMismatchWith(changed) : notFound;
        }

        return await readCurrent() is { } current ? current : notFound;
    }

    private const int MaxAttempts = 5;

    /// <summary>
    /// Runs a read-change-save attempt again when another request's change came in between and the client sent no
    /// If-Match: it asked for the change, not for a version, so it gets the change on the newer version. One that
    /// keeps losing answers 409 <see cref="ConcurrencyErrors.ConcurrentChanges"/>, not a 412 it set no condition for.
    /// </summary>
    public static async Task<Result<T>> RetryUnlessVersionExpectedAsync<T>(long? expectedVersion, Func<Task<Result<T>>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            var result = await attempt();
            if (expectedVersion is not null || result.Error?.Code != ConcurrencyErrors.VersionMismatch.Code)
            {
                return result;
            }

            if (tries >= MaxAttempts)
            {
                return ConcurrencyErrors.ConcurrentChanges;
            }
        }
    }
}
