using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Modules;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;

namespace Tracker.Modules.Miniatures;

/// <summary>The painting-pipeline tracker: the one public entry point of the Miniatures module.</summary>
public sealed class MiniaturesModule : IModule
{
    internal const string Tag = "Miniatures";

    internal static readonly Meter Meter = new("Tracker.Miniatures");

    public string Name => MiniaturesDbContext.SchemaName;

    public string Title => Tag;

    public string Description => "Miniature types counted through In box → Building → Priming → Painting → Done, with grouped history and JSON backup.";

    public void Register(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<MiniaturesDbContext, MiniaturesSqliteDbContext, MiniaturesPostgreSqlDbContext, MiniaturesSqlServerDbContext>(context, Name);
        services.AddModuleOptions<MiniaturesOptions>(context);
    }
}
