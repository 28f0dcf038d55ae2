using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.ArchitectureTests;

/// <summary>Every module keeps one migration set per provider, and none of them lags behind the model.</summary>
public sealed class MigrationsTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Each_module_has_migrations_for_every_provider_and_no_pending_model_changes(string module)
    {
        var factories = ModuleCatalog.Module(module).GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)))
            .ToList();

        var providers = new HashSet<string>();
        foreach (var factoryType in factories)
        {
            var factory = Activator.CreateInstance(factoryType)!;
            using var context = (ModuleDbContext)factoryType.GetMethod("CreateDbContext")!.Invoke(factory, [Array.Empty<string>()])!;
            providers.Add(context.Database.ProviderName!);
            Assert.NotEmpty(context.Database.GetMigrations());
            Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name} has model changes without a migration: run build/add-migration.sh");
        }

        Assert.Equal(3, providers.Count);
    }
}
