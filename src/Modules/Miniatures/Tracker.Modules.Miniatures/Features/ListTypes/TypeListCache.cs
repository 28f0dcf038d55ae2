using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Mediator;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;

namespace Tracker.Modules.Miniatures.Features.ListTypes;

/// <summary>
/// The serialized full list of types, the module's hottest read. Every successful command of the module
/// invalidates it once committed (it is a commit hook) and announces the change to the other instances on the
/// database (<see cref="ChangeSignals"/>, PostgreSQL's LISTEN/NOTIFY), whose caches drop their copy as soon as they
/// hear it. A list is only served for the version it was loaded at, so a client never sees its own write missing,
/// and while it is younger than <see cref="MiniaturesOptions.ListCacheMaxAge"/>, or than <see cref="LiveMaxAge"/>
/// while the change channel is up (the age then only guards against a lost announcement).
/// Concurrent misses share one load.
/// </summary>
internal sealed class TypeListCache : ICommitHook
{
    public const string Topic = "miniatures.types";

    /// <summary>How long a list may be served while other instances' changes are being announced.</summary>
    public static readonly TimeSpan LiveMaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<JsonOptions> _json;
    private readonly IOptions<MiniaturesOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ChangeSignals _signals;
    private long _version;
    private Snapshot? _snapshot;
    private Task<Snapshot>? _loading;
    private long _loadingVersion = -1;
    private int _lastLength = 256 * 1024;

    public TypeListCache(IServiceScopeFactory scopes, IOptions<JsonOptions> json, IOptions<MiniaturesOptions> options, TimeProvider clock, ChangeSignals signals)
    {
        _scopes = scopes;
        _json = json;
        _options = options;
        _clock = clock;
        _signals = signals;
        signals.Subscribe(Topic, Invalidate);
    }

    public void Committed()
    {
        Invalidate();
        _signals.Changed(Topic);
    }

    private void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>False when <see cref="MiniaturesOptions.ListCacheMaxAge"/> is zero: every request writes its own list.</summary>
    public bool Enabled => _options.Value.ListCacheMaxAge > TimeSpan.Zero;

    /// <summary>A buffer for one list, sized after the last one written.</summary>
    public PooledBufferWriter RentBuffer() => new(Volatile.Read(ref _lastLength) + 4096);

    public async Task<byte[]> GetAsync()
    {
        // Read the version before anything else: a load that starts after this read sees every write that
        // bumped the version up to it (writes commit first, then bump).
        var version = Interlocked.Read(ref _version);
        var maxAge = _options.Value.ListCacheMaxAge;
        if (_signals.IsLive && LiveMaxAge > maxAge)
        {
            maxAge = LiveMaxAge;
        }

        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && snapshot.Version == version && _clock.GetUtcNow() - snapshot.TakenAt < maxAge)
        {
            return snapshot.Json;
        }

        return (await RefreshAsync(version)).Json;
    }

    private Task<Snapshot> RefreshAsync(long version)
    {
        lock (_gate)
        {
            // A load still running that read this version (or a later one) started after every write we must show.
            if (_loading is { IsCompleted: false } running && _loadingVersion >= version)
            {
                return running;
            }

            _loadingVersion = version;
            return _loading = LoadAsync(version);
        }
    }

    private async Task<Snapshot> LoadAsync(long version)
    {
        // Its own scope: the load may outlive the request that started it, and no client's cancellation stops it.
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniaturesDbContext>();
        using var buffer = RentBuffer();
        await TypeListWriter.WriteAsync(db, _json.Value.SerializerOptions, buffer, CancellationToken.None);
        var snapshot = new Snapshot(version, _clock.GetUtcNow(), buffer.WrittenMemory.ToArray());
        _lastLength = snapshot.Json.Length;
        lock (_gate)
        {
            if (_snapshot is null || _snapshot.Version <= version)
            {
                _snapshot = snapshot;
            }
        }

        return snapshot;
    }

    private sealed record Snapshot(long Version, DateTimeOffset TakenAt, byte[] Json);
}
