using Tracker.BuildingBlocks.Modules;
using Tracker.Modules.Identity;
using Tracker.Modules.Miniatures;
using Tracker.Modules.Projects;

namespace Tracker.Host;

/// <summary>The modules this host runs. Adding a module to Tracker is one line here.</summary>
public static class TrackerModules
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new IdentityModule(),
        new MiniaturesModule(),
        new ProjectsModule(),
    ];
}
