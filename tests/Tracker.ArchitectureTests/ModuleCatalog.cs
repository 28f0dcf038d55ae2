using System.Reflection;
using Tracker.Host;

namespace Tracker.ArchitectureTests;

/// <summary>The modules under inspection: whatever the host lists, with their Contracts assemblies.</summary>
internal static class ModuleCatalog
{
    public static Assembly Host { get; } = typeof(TrackerModules).Assembly;

    public static IReadOnlyList<Assembly> Modules { get; } = [.. TrackerModules.All.Select(m => m.GetType().Assembly)];

    public static TheoryData<string> ModuleNames => [.. Modules.Select(m => m.GetName().Name!)];

    public static Assembly Module(string name) => Modules.Single(m => m.GetName().Name == name);

    public static Assembly Contracts(Assembly module) => Assembly.Load(module.GetName().Name + ".Contracts");
}
