using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>A module's database as the host sees it: something to migrate and to check for readiness.</summary>
public interface IModuleDatabase
{
    string Module { get; }

    /// <summary>Applies the migrations the database lacks; does nothing else when it lacks none.</summary>
    Task MigrateAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken);

    /// <summary>Null when reachable and fully migrated; otherwise why not.</summary>
    Task<string?> CheckReadyAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class ModuleDatabase<TContext>(string module, DatabaseProvider provider) : IModuleDatabase
    where TContext : ModuleDbContext
{
    private volatile bool _knownMigrated;

    public string Module { get; } = module;

    public async Task MigrateAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        // Comparing the assembly's migrations with the history table is one query. Migrate itself, even with
        // nothing to apply, takes a lock and diffs the whole model against its snapshot on every start.
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to the {Module} database", pending, Module);
            if (provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging lets readers proceed while a writer commits. The setting persists in the
                // file, and every file starts with a migration, so this is the one place that needs it.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

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
