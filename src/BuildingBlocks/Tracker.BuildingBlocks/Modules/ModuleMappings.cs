using System.Reflection;
using Mapster;

namespace Tracker.BuildingBlocks.Modules;

/// <summary>
/// A module's own Mapster configuration: every <see cref="IRegister"/> found in its assembly, compiled once.
/// Each module keeps its config to itself (no global settings shared between modules or test hosts).
/// </summary>
public static class ModuleMappings
{
    public static TypeAdapterConfig Scan(Assembly moduleAssembly)
    {
        var config = new TypeAdapterConfig();
        config.Scan(moduleAssembly);
        config.Compile();
        return config;
    }
}
