using Tracker.BuildingBlocks.Modules;

namespace Tracker.Modules.Projects;

/// <summary>
/// The <c>Projects</c> configuration section. It holds no setting today (the portfolio's settings are the workspace
/// document, edited through the API); it is bound and validated at start like every module's, so a setting added
/// later is checked from its first day.
/// </summary>
internal sealed class ProjectsOptions : IModuleOptions
{
    public static string Section => "Projects";
}
