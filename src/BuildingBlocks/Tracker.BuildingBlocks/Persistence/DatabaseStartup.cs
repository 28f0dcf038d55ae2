using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>Work a module needs done once the databases are migrated (e.g. seeding the first admin).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}

public static class DatabaseMigrator
{
    /// <summary>
    /// Applies every module's pending migrations; used at start-up and by the <c>migrate</c> command. Modules
    /// own separate databases (or schemas), so they are brought up side by side, not one after another.
    /// </summary>
    public static Task MigrateAllAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken) =>
        Task.WhenAll(services.GetServices<IModuleDatabase>().Select(database =>
            // Task.Run: SQLite's async calls complete synchronously and would otherwise run one module at a time.
            Task.Run(() => database.MigrateAsync(services, logger, cancellationToken), cancellationToken)));
}

/// <summary>Runs before the server accepts requests: migrations (when enabled), then the modules' start-up tasks.</summary>
internal sealed class DatabaseStartupService(IServiceProvider services, IOptions<DatabaseOptions> options, ILogger<DatabaseStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await DatabaseMigrator.MigrateAllAsync(services, logger, cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
        {
            await task.RunAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Ready means every module's database answers and has no pending migration.</summary>
internal sealed class ModuleDatabasesHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, object>();
        foreach (var database in services.GetServices<IModuleDatabase>())
        {
            try
            {
                var problem = await database.CheckReadyAsync(services, cancellationToken);
                if (problem is not null)
                {
                    problems[database.Module] = problem;
                }
            }
            catch (Exception exception)
            {
                problems[database.Module] = exception.GetType().Name;
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("All module databases are reachable and migrated.")
            : HealthCheckResult.Unhealthy("Some module databases are not ready.", data: problems);
    }
}
