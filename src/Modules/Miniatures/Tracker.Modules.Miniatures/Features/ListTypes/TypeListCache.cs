using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Mediator;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ListTypes;

/// <summary>
/// The serialized full list of types, the module's hottest read. Every successful command of the module
/// invalidates it once committed (it is a commit hook), and a list is only served for the version it was loaded at
/// and while it is younger than <see cref="MiniaturesOptions.ListCacheMaxAge"/>, so a client never sees its own write missing.
/// Concurrent misses share one load.
/// </summary>
internal sealed class TypeListCache(IServiceScopeFactory scopes, IOptions<JsonOptions> json, IOptions<MiniaturesOptions> options, TimeProvider clock) : ICommitHook
{
    private readonly Lock _gate = new();
    private long _version;
    private Snapshot? _snapshot;
    private Task<Snapshot>? _loading;
    private long _loadingVersion = -1;

    public void Committed() => Interlocked.Increment(ref _version);

    public async Task<byte[]> GetAsync()
    {
        // Read the version before anything else: a load that starts after this read sees every write that
        // bumped the version up to it (writes commit first, then bump).
        var version = Interlocked.Read(ref _version);
        var maxAge = options.Value.ListCacheMaxAge;
        if (maxAge <= TimeSpan.Zero)
        {
            return (await LoadAsync(version)).Json;
        }

        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && snapshot.Version == version && clock.GetUtcNow() - snapshot.TakenAt < maxAge)
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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniaturesDbContext>();
        var types = await TypeReader.ReadAsync(db, nameContains: null, CancellationToken.None);
        var snapshot = new Snapshot(version, clock.GetUtcNow(), JsonSerializer.SerializeToUtf8Bytes(new TypeListResponse(types), json.Value.SerializerOptions));
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
