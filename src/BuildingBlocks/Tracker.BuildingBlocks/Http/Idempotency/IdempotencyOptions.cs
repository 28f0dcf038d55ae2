namespace Tracker.BuildingBlocks.Http.Idempotency;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a stored answer is replayed to retries with the same key; expired keys are purged.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a started request holds its key. Retries meanwhile get 409; after it, a retry may take over the key
    /// of an attempt that died (a crash) — an attempt still running then loses its key and rolls back.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often expired keys are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
