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

    /// <summary>Modules that publish integration events have a Contracts assembly; the others need none.</summary>
    public static TheoryData<string> ModulesWithContracts => [.. Modules.Where(m => Contracts(m) is not null).Select(m => m.GetName().Name!)];

    public static Assembly? Contracts(Assembly module)
    {
        try
        {
            return Assembly.Load(module.GetName().Name + ".Contracts");
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
