using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Modules;

namespace Tracker.BuildingBlocks.Persistence;

public static class ModuleDatabaseRegistration
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// Registers a module's DbContext for the configured provider. Migrations are provider-specific, so each
    /// provider has its own derived context type carrying its own migration set; the module's code uses
    /// <typeparamref name="TContext"/> only.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgreSql, TSqlServer>(
        this IServiceCollection services, ModuleContext module, string schema, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
        where TSqlServer : TContext
    {
        var database = module.Database;
        var connectionString = database.ConnectionStringFor(schema);
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                Register<TSqlite>();
                break;
            case DatabaseProvider.PostgreSQL:
                Register<TPostgreSql>();
                break;
            case DatabaseProvider.SqlServer:
                Register<TSqlServer>();
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {database.Provider}.");
        }

        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(schema, database.Provider));
        services.AddSingleton<IOutboxStore>(sp => new OutboxStore<TContext>(schema, sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton(new ModuleDbContextType(typeof(TContext)));
        return services;

        void Register<TProviderContext>()
            where TProviderContext : TContext
        {
            // Pooled: a request reuses a context instead of building one, which matters on the hottest paths.
            services.AddDbContextPool<TProviderContext>(options =>
            {
                options.UseModuleDatabase(database.Provider, connectionString, schema)
                    .EnableThreadSafetyChecks(database.ThreadSafetyChecks);
                configure?.Invoke(options);
            });
            services.AddScoped<TContext>(sp => sp.GetRequiredService<TProviderContext>());
        }
    }

    /// <summary>Provider, naming convention and migrations history table: shared by the host and design-time tools.</summary>
    public static DbContextOptionsBuilder UseModuleDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, string schema)
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable)),
            DatabaseProvider.PostgreSQL => options.UseNpgsql(WithNpgsqlDefaults(connectionString), o => o.MigrationsHistoryTable(MigrationsHistoryTable, schema)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable, schema)),
            _ => throw new InvalidOperationException($"Unknown database provider {provider}."),
        };
        // A failed save is not an error in itself: a unique violation is often expected and answered as a
        // conflict, an unreachable database as 503. Whatever is not handled reaches the exception handler, which
        // logs it once, as an error with its cause (or as a warning when the database is unavailable).
        return options.UseSnakeCaseNamingConvention()
            .AddInterceptors(DatabaseCommandInterceptor.Instance)
            .ConfigureWarnings(w => w.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug)));
    }

    /// <summary>
    /// Statements an instance runs again and again are prepared on the server (parsed and planned once), pooled
    /// connections are not reset on return, and results are read 32 KiB at a time, unless the connection string says
    /// otherwise.
    /// </summary>
    private static string WithNpgsqlDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        // With prepared statements a connection's return to the pool costs a DISCARD ALL-like round of seven
        // statements; Tracker leaves no session state behind (its advisory locks are transaction-scoped), so skip it
        // unless the connection string asks for it.
        if (!Sets(connectionString, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        // Npgsql reads 8 KiB at a time by default: a project's 30 steps with their 150 subtasks (some 40 KB) took
        // 8.2 receive calls per request, 5.9 with 32 KiB (64 KiB did no better), for 24 KiB more per pooled connection.
        if (!Sets(connectionString, "Read Buffer Size"))
        {
            builder.ReadBufferSize = 32 * 1024;
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether the connection string names the setting, spaced or not (its value may be Npgsql's default).</summary>
    private static bool Sets(string connectionString, string keyword) =>
        connectionString.Contains(keyword, StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains(keyword.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
