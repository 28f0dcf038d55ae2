using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// Tells the other instances on the same database that something they may hold in memory changed, so that
/// per-instance caches stay correct when several hosts share one database. On PostgreSQL this is
/// <c>LISTEN/NOTIFY</c>: a change is announced after its commit (coalesced, at most one notification per topic every
/// <see cref="PostgresChangeSignals.MinimumInterval"/>), and every other instance's subscribers run within
/// milliseconds. Elsewhere (SQLite, SQL Server) there is no such channel: <see cref="IsLive"/> is false and caches
/// fall back to their maximum age.
/// </summary>
public abstract class ChangeSignals
{
    private readonly ConcurrentDictionary<string, Action[]> _subscribers = new(StringComparer.Ordinal);

    /// <summary>True while changes made by other instances are being received (caches may then be kept longer).</summary>
    public abstract bool IsLive { get; }

    /// <summary>Announces a committed change of <paramref name="topic"/> to the other instances.</summary>
    public abstract void Changed(string topic);

    /// <summary>
    /// Runs <paramref name="onChange"/> whenever another instance announces <paramref name="topic"/>, and also
    /// when the channel was lost and is back (announcements may have been missed meanwhile).
    /// </summary>
    public void Subscribe(string topic, Action onChange)
    {
        Validate(topic);
        _subscribers.AddOrUpdate(topic, [onChange], (_, existing) => [.. existing, onChange]);
    }

    protected void Raise(string topic)
    {
        if (_subscribers.TryGetValue(topic, out var handlers))
        {
            foreach (var handler in handlers)
            {
                handler();
            }
        }
    }

    protected void RaiseAll()
    {
        foreach (var handlers in _subscribers.Values)
        {
            foreach (var handler in handlers)
            {
                handler();
            }
        }
    }

    /// <summary>A topic is a short name: lower-case letters, digits, underscores and dots, up to 100.</summary>
    protected static void Validate(string topic)
    {
        if (topic.Length is 0 or > 100 || !topic.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.'))
        {
            throw new ArgumentException($"'{topic}' is not a valid change topic (a-z, 0-9, _, .; at most 100).", nameof(topic));
        }
    }
}

/// <summary>No cross-instance channel on this provider.</summary>
internal sealed class NoChangeSignals : ChangeSignals
{
    public override bool IsLive => false;

    public override void Changed(string topic) => Validate(topic);
}

/// <summary>
/// LISTEN on one dedicated connection per host, on one channel for every topic; NOTIFY from pooled connections.
/// The payload is the sending instance's id and the topic, so an instance ignores its own announcements (its
/// caches already know). Channels are per database: hosts on other databases of the cluster hear nothing.
/// </summary>
internal sealed class PostgresChangeSignals(string connectionString, ILogger<PostgresChangeSignals> logger) : ChangeSignals, IHostedService, IAsyncDisposable
{
    /// <summary>Bursts of changes (thousands of moves a second) cost one notification per topic per interval.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(10);

    private const string Channel = "tracker_changes";
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, byte> _dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    // Keepalive: a listener on a connection that died silently (a network partition) would wait forever.
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 10 }.ConnectionString);
    private Task? _listening;
    private Task? _notifying;
    private volatile bool _live;
    private int _disposed;

    public override bool IsLive => _live;

    public override void Changed(string topic)
    {
        Validate(topic);
        _dirty[topic] = 0;
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = Task.Run(() => ListenAsync(_stopping.Token), CancellationToken.None);
        _notifying = Task.Run(() => NotifyAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var task in new[] { _listening, _notifying })
        {
            if (task is not null)
            {
                await task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under three service types, so the container disposes it up to three times.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _dataSource.DisposeAsync();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping);
                connection.Notification += (_, notification) =>
                {
                    var separator = notification.Payload.IndexOf(' ', StringComparison.Ordinal);
                    if (separator > 0 && !notification.Payload.AsSpan(0, separator).SequenceEqual(_instance))
                    {
                        Raise(notification.Payload[(separator + 1)..]);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                _live = true;

                // Whatever changed while nobody listened is unknown: everyone starts afresh.
                RaiseAll();
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                if (_live)
                {
                    logger.LogWarning("Lost the change channel ({Reason}); caches fall back to their maximum age until it is back", exception.GetBaseException().Message);
                }

                _live = false;
                RaiseAll();
                await Task.Delay(ReconnectDelay, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _live = false;
    }

    private async Task NotifyAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(stopping);
                foreach (var topic in _dirty.Keys)
                {
                    _dirty.TryRemove(topic, out _);
                    await using var command = _dataSource.CreateCommand($"SELECT pg_notify('{Channel}', @payload)");
                    command.Parameters.AddWithValue("payload", $"{_instance} {topic}");
                    await command.ExecuteNonQueryAsync(stopping);
                }

                await Task.Delay(MinimumInterval, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The other instances' caches still expire by age; try again with the next change.
                logger.LogDebug(exception, "Could not announce a change to the other instances");
            }
        }
    }
}

public static class ChangeSignalsRegistration
{
    /// <summary>Registered once per host with the first module database: modules share one database on PostgreSQL.</summary>
    internal static void AddChangeSignals(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (services.Any(d => d.ServiceType == typeof(ChangeSignals)))
        {
            return;
        }

        if (provider == DatabaseProvider.PostgreSQL)
        {
            services.AddSingleton(sp => new PostgresChangeSignals(connectionString, sp.GetRequiredService<ILogger<PostgresChangeSignals>>()));
            services.AddSingleton<ChangeSignals>(sp => sp.GetRequiredService<PostgresChangeSignals>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeSignals>());
        }
        else
        {
            services.TryAddSingleton<ChangeSignals, NoChangeSignals>();
        }
    }
}
