using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tracker.Modules.Identity.Auth;

/// <summary>
/// Slows down password guessing: after too many failures for one username from one address within a window,
/// further attempts are refused for a while (429 with Retry-After), whatever the password.
/// </summary>
internal sealed class LoginThrottle(IOptions<IdentityOptions> options, TimeProvider clock)
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Attempts> _attempts = new(StringComparer.Ordinal);

    /// <returns>How long the caller must wait, or null when an attempt is allowed.</returns>
    public TimeSpan? RetryAfter(string key)
    {
        if (!_attempts.TryGetValue(key, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            var wait = entry.BlockedUntil - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    public void RecordFailure(string key)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        if (_attempts.Count > PruneThreshold)
        {
            Prune(now - settings.FailedLoginWindow - settings.LoginLockout);
        }

        var entry = _attempts.GetOrAdd(key, _ => new Attempts());
        lock (entry)
        {
            entry.Failures.Enqueue(now);
            while (entry.Failures.TryPeek(out var oldest) && oldest <= now - settings.FailedLoginWindow)
            {
                entry.Failures.Dequeue();
            }

            if (entry.Failures.Count >= settings.MaxFailedLogins)
            {
                entry.BlockedUntil = now + settings.LoginLockout;
                entry.Failures.Clear();
            }
        }
    }

    public void Reset(string key) => _attempts.TryRemove(key, out _);

    private void Prune(DateTimeOffset staleBefore)
    {
        foreach (var (key, entry) in _attempts)
        {
            lock (entry)
            {
                if (entry.BlockedUntil < staleBefore && (!entry.Failures.TryPeek(out var last) || last < staleBefore))
                {
                    _attempts.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Attempts
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
