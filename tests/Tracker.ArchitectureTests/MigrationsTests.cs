using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.ArchitectureTests;

/// <summary>
/// Every module keeps one migration set and one compiled model per provider, and none of them lags behind the
/// model that its configuration builds.
/// </summary>
public sealed class MigrationsTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Each_module_has_migrations_for_every_provider_and_no_pending_model_changes(string module)
    {
        var providers = new HashSet<string>();
        foreach (var context in ProviderContexts(module))
        {
            using var _ = context;
            providers.Add(context.Database.ProviderName!);
            Assert.NotEmpty(context.Database.GetMigrations());
            Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name} has model changes without a migration: run build/add-migration.sh");
        }

        Assert.Equal(3, providers.Count);
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Each_provider_context_runs_on_a_current_compiled_model(string module)
    {
        foreach (var context in ProviderContexts(module))
        {
            using var _ = context;
            // The model the host runs on is the generated one, found by EF Core through its assembly attribute.
            Assert.StartsWith($"{module}.Data.CompiledModels.", context.Model.GetType().Namespace, StringComparison.Ordinal);

            // The design-time model is built from the configuration classes, as it would be without the compiled one.
            var built = context.GetService<IDesignTimeModel>().Model;
            var (configured, compiled) = (Describe(built), Describe(context.Model));
            var firstDifference = configured.Zip(compiled).TakeWhile(pair => pair.First == pair.Second).Count();
            Assert.True(configured == compiled, $"""
                {context.GetType().Name}: the compiled model differs from the configuration; run build/compiled-models.sh {module[(module.LastIndexOf('.') + 1)..]}.
                Configured: …{configured.Substring(firstDifference, Math.Min(120, configured.Length - firstDifference))}
                Compiled:   …{compiled.Substring(firstDifference, Math.Min(120, compiled.Length - firstDifference))}
                """);
        }
    }

    /// <summary>
    /// Entity types with their properties, keys, indexes, foreign keys and navigations, then the tables they map to
    /// with every column's name, store type and nullability.
    /// </summary>
    private static string Describe(IModel model) =>
        model.ToDebugString(MetadataDebugStringOptions.ShortDefault) + Environment.NewLine + string.Join(
            Environment.NewLine,
            model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal).Select(table =>
                $"{table.Schema}.{table.Name}: " + string.Join(", ", table.Columns.Select(c => $"{c.Name} {c.StoreType}{(c.IsNullable ? " null" : "")}"))));

    private static IEnumerable<ModuleDbContext> ProviderContexts(string module) =>
        ModuleCatalog.Module(module).GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)))
            .Select(factoryType => (ModuleDbContext)factoryType.GetMethod("CreateDbContext")!.Invoke(Activator.CreateInstance(factoryType), [Array.Empty<string>()])!);
}
