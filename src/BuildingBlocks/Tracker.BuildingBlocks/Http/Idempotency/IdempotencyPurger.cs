using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks.Http.Idempotency;

/// <summary>Deletes expired Idempotency-Keys from every module's database, every <see cref="IdempotencyOptions.PurgeInterval"/>.</summary>
internal sealed class IdempotencyPurger(
    IEnumerable<ModuleDbContextType> modules,
    IServiceScopeFactory scopes,
    IOptions<IdempotencyOptions> options,
    DatabaseStartupProgress startup,
    TimeProvider clock,
    ILogger<IdempotencyPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitAsync(stoppingToken))
        {
            return;
        }

        // The first purge waits one interval: start-up stays cheap.
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var module in modules)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                    var purged = await IdempotencyStore.PurgeAsync(db, clock.GetUtcNow().UtcDateTime, stoppingToken);
                    if (purged > 0)
                    {
                        logger.LogDebug("Purged {Count} expired idempotency keys of {Context}", purged, module.ContextType.Name);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Purging expired idempotency keys of {Context} failed; retrying next interval", module.ContextType.Name);
                }
            }
        }
    }
}

public static class IdempotencyRegistration
{
    /// <summary>Options (bound and checked at start) and the background purge of expired keys.</summary>
    public static IServiceCollection AddTrackerIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>()
            .Bind(configuration.GetSection(IdempotencyOptions.Section))
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.LockTimeout > TimeSpan.Zero && o.PurgeInterval > TimeSpan.Zero, "Idempotency: Lifetime, LockTimeout and PurgeInterval must be positive.")
            .ValidateOnStart();
        services.AddHostedService<IdempotencyPurger>();
        return services;
    }
}
