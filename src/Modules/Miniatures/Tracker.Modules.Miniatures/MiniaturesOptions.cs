using Tracker.BuildingBlocks.Modules;

namespace Tracker.Modules.Miniatures;

/// <summary>
/// The <c>Miniatures</c> configuration section. It holds no setting today (the module needs none); it is bound and
/// validated at start like every module's, so a setting added later is checked from its first day.
/// </summary>
internal sealed class MiniaturesOptions : IModuleOptions
{
    public static string Section => "Miniatures";
}
