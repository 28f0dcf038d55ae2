using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks.Modules;

/// <summary>
/// A module's one public entry point. The host lists modules; each registers its own services, DbContext and
/// event subscriptions. Its Carter endpoints are discovered in the same assembly.
/// </summary>
public interface IModule
{
    /// <summary>Lower-case name: the route segment, the database schema and the SQLite file name.</summary>
    string Name { get; }

    /// <summary>Display name: the OpenAPI tag of the module's operations.</summary>
    string Title { get; }

    /// <summary>One sentence on what the module is for, shown with its tag in the API reference.</summary>
    string Description { get; }

    void Register(IServiceCollection services, ModuleContext context);
}

/// <summary>What a module may know about the host while it registers itself.</summary>
public sealed record ModuleContext(IConfiguration Configuration, IHostEnvironment Environment, DatabaseOptions Database);
