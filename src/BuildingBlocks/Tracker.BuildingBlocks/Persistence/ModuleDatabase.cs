using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>A module's database as the host sees it: something to migrate and to check for readiness.</summary>
public interface IModuleDatabase
{
    string Module { get; }

    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Null when reachable and fully migrated; otherwise why not.</summary>
    Task<string?> CheckReadyAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class ModuleDatabase<TContext>(string module, DatabaseProvider provider) : IModuleDatabase
    where TContext : ModuleDbContext
{
    private volatile bool _knownMigrated;

    public string Module { get; } = module;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers proceed while a writer commits; the setting persists in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        _knownMigrated = true;
    }

    public async Task<string?> CheckReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return "database unreachable";
        }

        if (_knownMigrated)
        {
            return null;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        _knownMigrated = pending == 0;
        return pending == 0 ? null : $"{pending} pending migration(s)";
    }
}
