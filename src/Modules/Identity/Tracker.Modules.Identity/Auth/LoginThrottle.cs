using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tracker.Modules.Identity.Auth;

/// <summary>
/// Slows down password guessing. Failures are counted per username from one address (guessing one account's
/// password) and per address across all usernames (password spraying: a few common passwords against many
/// accounts). Past either limit within the window, further attempts are refused for a while (429 with
/// Retry-After), whatever the password.
/// </summary>
internal sealed class LoginThrottle(IOptions<IdentityOptions> options, TimeProvider clock)
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Attempts> _attempts = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one attempt against both limits before the (slow) password check, so that a burst of parallel
    /// guesses cannot all slip past a limit while none has been counted yet; a success is forgiven with
    /// <see cref="Succeeded"/>.
    /// </summary>
    /// <returns>How long the caller must wait (the attempt is then not counted), or null when it may go ahead.</returns>
    public TimeSpan? TryBegin(string normalizedUsername, string clientAddress)
    {
        var settings = options.Value;
        var (account, address) = Keys(normalizedUsername, clientAddress);
        var wait = Max(BlockedFor(account), BlockedFor(address));
        if (wait is not null)
        {
            return wait;
        }

        RecordFailure(account, settings.MaxFailedLogins);
        RecordFailure(address, settings.MaxFailedLoginsPerAddress);
        return null;
    }

    /// <summary>The password was right: the account's count starts afresh and the address's attempt is forgiven.</summary>
    public void Succeeded(string normalizedUsername, string clientAddress)
    {
        var (account, address) = Keys(normalizedUsername, clientAddress);
        _attempts.TryRemove(account, out _);
        if (_attempts.TryGetValue(address, out var entry))
        {
            lock (entry)
            {
                entry.ForgiveNewest();
            }
        }
    }

    private static (string Account, string Address) Keys(string normalizedUsername, string clientAddress) =>
        ($"user|{normalizedUsername}|{clientAddress}", $"address|{clientAddress}");

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private TimeSpan? BlockedFor(string key)
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

    private void RecordFailure(string key, int limit)
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

            if (entry.Failures.Count >= limit)
            {
                entry.BlockedUntil = now + settings.LoginLockout;
                entry.Failures.Clear();
            }
        }
    }

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
        public Queue<DateTimeOffset> Failures { get; private set; } = new();

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

        public void ForgiveNewest()
        {
            if (Failures.Count > 0)
            {
                Failures = new Queue<DateTimeOffset>(Failures.Take(Failures.Count - 1));
            }
        }
    }
}
