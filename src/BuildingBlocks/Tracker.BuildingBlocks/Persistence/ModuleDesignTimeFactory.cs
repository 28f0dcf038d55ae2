using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build a module's provider-specific context without starting the host. The connection
/// string only has to be syntactically valid: generating migrations never connects.
/// </summary>
public abstract class ModuleDesignTimeFactory<TContext>(DatabaseProvider provider, string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("TRACKER_DESIGN_CONNECTION") ?? provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={schema}.design.db",
            DatabaseProvider.PostgreSQL => "Host=localhost;Database=tracker_design",
            _ => "Server=localhost;Database=tracker_design;TrustServerCertificate=True",
        };
        var options = new DbContextOptionsBuilder<TContext>().UseModuleDatabase(provider, connectionString, schema).Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
