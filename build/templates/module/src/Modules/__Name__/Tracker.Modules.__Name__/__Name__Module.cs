using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Modules;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.__Name__.Data;

namespace Tracker.Modules.__Name__;

/// <summary>The one public entry point of the __Name__ module.</summary>
public sealed class __Name__Module : IModule
{
    public string Name => __Name__DbContext.SchemaName;

    public string Title => "__Name__";

    public string Description => "__Description__";

    public void Register(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<__Name__DbContext, __Name__SqliteDbContext, __Name__PostgreSqlDbContext, __Name__SqlServerDbContext>(context, Name);
        services.AddModuleOptions<__Name__Options>(context);
    }
}
