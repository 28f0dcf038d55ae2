using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks.Http.Idempotency;

internal enum ClaimOutcome
{
    /// <summary>This attempt holds the key and runs the request.</summary>
    Claimed,

    /// <summary>The key was used for a different request.</summary>
    Reused,

    /// <summary>Another attempt holds the key and is (as far as anyone can tell) still running.</summary>
    InProgress,

    /// <summary>The request ran before: replay <see cref="Claim.Stored"/>.</summary>
    Completed,
}

internal sealed record Claim(ClaimOutcome Outcome, IdempotentRequest? Stored = null);

/// <summary>The idempotency table of one module, reached through the request's own DbContext.</summary>
internal sealed class IdempotencyStore(ModuleDbContext db)
{
    private static readonly ConcurrentDictionary<Type, string> InsertSql = new();

    /// <summary>
    /// Reserves the key for <paramref name="owner"/> in its own short commit, so concurrent retries see it at once:
    /// an insert that does nothing when the key exists (no exception, nothing logged as an error), then a look at
    /// what holds it.
    /// </summary>
    public async Task<Claim> ClaimAsync(Guid userId, string key, string fingerprint, Guid owner, DateTime now, IdempotencyOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var sql = InsertSql.GetOrAdd(db.GetType(), _ => BuildInsertSql(db));
            if (await db.Database.ExecuteSqlRawAsync(sql, [userId, key, fingerprint, owner, now + options.LockTimeout, now + options.Lifetime], cancellationToken) == 1)
            {
                return new Claim(ClaimOutcome.Claimed);
            }

            var existing = await Find(userId, key).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                continue; // purged in between
            }

            if (existing.ExpiresAt <= now)
            {
                await Find(userId, key).Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (existing.Fingerprint != fingerprint)
            {
                return new Claim(ClaimOutcome.Reused);
            }

            if (existing.CompletedAt is not null)
            {
                return new Claim(ClaimOutcome.Completed, existing);
            }

            if (existing.LockedUntil > now)
            {
                return new Claim(ClaimOutcome.InProgress);
            }

            // The attempt that reserved the key died without an answer (its write, if any, rolled back with it).
            var takenOver = await Find(userId, key)
                .Where(r => r.Owner == existing.Owner && r.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Owner, owner).SetProperty(r => r.LockedUntil, now + options.LockTimeout), cancellationToken);
            if (takenOver == 1)
            {
                return new Claim(ClaimOutcome.Claimed);
            }
        }

        return new Claim(ClaimOutcome.InProgress);
    }

    /// <summary>
    /// Stores the answer; runs inside the request's transaction, so it commits exactly when the write does.
    /// False when another attempt took the key over meanwhile: the caller must roll back.
    /// </summary>
    public async Task<bool> CompleteAsync(Guid userId, string key, Guid owner, DateTime now, int status, string headers, byte[] body, CancellationToken cancellationToken) =>
        await Find(userId, key)
            .Where(r => r.Owner == owner && r.CompletedAt == null)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.StatusCode, status)
                    .SetProperty(r => r.ResponseHeaders, headers)
                    .SetProperty(r => r.ResponseBody, body),
                cancellationToken) == 1;

    /// <summary>Frees the key of an attempt that changed nothing (an error answer), so the client may retry with it.</summary>
    public Task ReleaseAsync(Guid userId, string key, Guid owner, CancellationToken cancellationToken) =>
        Find(userId, key).Where(r => r.Owner == owner && r.CompletedAt == null).ExecuteDeleteAsync(cancellationToken);

    public static Task<int> PurgeAsync(ModuleDbContext db, DateTime now, CancellationToken cancellationToken) =>
        db.IdempotentRequests.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

    private IQueryable<IdempotentRequest> Find(Guid userId, string key) =>
        db.IdempotentRequests.Where(r => r.UserId == userId && r.IdempotencyKey == key);

    /// <summary>Names come from the EF model; every provider here has an insert that skips an existing key.</summary>
    private static string BuildInsertSql(ModuleDbContext db)
    {
        var requests = SqlNames.Of<IdempotentRequest>(db);
        var into = requests.Table;
        var user = requests.Column(nameof(IdempotentRequest.UserId));
        var key = requests.Column(nameof(IdempotentRequest.IdempotencyKey));
        var columns = string.Join(", ", user, key, requests.Column(nameof(IdempotentRequest.Fingerprint)), requests.Column(nameof(IdempotentRequest.Owner)),
            requests.Column(nameof(IdempotentRequest.LockedUntil)), requests.Column(nameof(IdempotentRequest.ExpiresAt)));
        const string values = "{0}, {1}, {2}, {3}, {4}, {5}";
        return db.Database.IsSqlServer()
            ? $"INSERT INTO {into} ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM {into} WITH (UPDLOCK, HOLDLOCK) WHERE {user} = {{0}} AND {key} = {{1}})"
            : $"INSERT INTO {into} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING";
    }
}
