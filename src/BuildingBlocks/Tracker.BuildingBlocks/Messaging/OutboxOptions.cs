namespace Tracker.BuildingBlocks.Messaging;

/// <summary>The <c>Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this instance delivers events (several instances may; each claims its own rows).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed message stays invisible to other dispatchers.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts before a message is parked; parked messages wait for an operator.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An undelivered message older than this makes readiness report Degraded.</summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delivered messages are kept this long for diagnosis, then deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan RetryDelayAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryBaseDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));
}
