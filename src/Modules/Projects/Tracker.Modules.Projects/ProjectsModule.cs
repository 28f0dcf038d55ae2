using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Modules;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects;

/// <summary>The one public entry point of the Projects module.</summary>
public sealed class ProjectsModule : IModule
{
    public string Name => ProjectsDbContext.SchemaName;

    public string Title => "Projects";

    public string Description => "Projects with categories, managers, steps and subtasks, weighted progress, characteristics, attachments, Office exports, a KPI report and desktop update hosting.";

    public void Register(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<ProjectsDbContext, ProjectsSqliteDbContext, ProjectsPostgreSqlDbContext, ProjectsSqlServerDbContext>(context, Name);
        services.AddModuleOptions<ProjectsOptions>(context);
        services.AddSingleton<ProjectFiles>();
        services.AddScoped<IStartupTask, OrphanFileSweep>();
        services.AddScoped<IStartupTask, KeptProgressBackfill>();
    }
}
