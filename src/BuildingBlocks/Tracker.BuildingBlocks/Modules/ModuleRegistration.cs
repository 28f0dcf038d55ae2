using Carter;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Tracker.BuildingBlocks.Http;
using Tracker.BuildingBlocks.Http.Idempotency;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;

namespace Tracker.BuildingBlocks.Modules;

public static class ModuleRegistration
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// Registers the shared mechanisms and then each module: its services, DbContext, subscriptions, validators
    /// and Carter endpoints (mapped by <see cref="ModuleRoutes.MapTrackerModules"/>). Adding a module to Tracker means
    /// adding it to the host's module list, nothing more.
    /// </summary>
    public static IServiceCollection AddTrackerModules(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, DatabaseOptions database, IReadOnlyList<IModule> modules)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddTrackerProblemDetails();
        services.AddAuthorizationBuilder().AddTrackerPolicies();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(database));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton(new TrackerModuleList(modules));

        // Services start concurrently; whatever needs the databases waits for DatabaseStartupProgress.
        services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        services.AddSingleton<DatabaseStartupProgress>();
        services.AddHostedService<DatabaseStartupService>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddTrackerIdempotency(configuration);
        services.AddHealthChecks()
            .AddCheck<ModuleDatabasesHealthCheck>("databases", tags: [ReadyTag])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [ReadyTag]);

        var context = new ModuleContext(configuration, environment, database);
        var endpointTypes = new List<Type>();
        foreach (var module in modules)
        {
            module.Register(services, context);
            var assembly = module.GetType().Assembly;
            services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
            endpointTypes.AddRange(assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICarterModule).IsAssignableFrom(t)));
        }

        services.AddCarter(configurator: c => c
            .WithModules([.. endpointTypes])
            .WithEmptyValidators()
            .WithEmptyResponseNegotiators());
        return services;
    }
}
