using Tracker.BuildingBlocks.Modules;

namespace Tracker.Modules.Projects;

/// <summary>
/// The <c>Projects</c> configuration section. Each setting gets a default here and data annotations
/// (<c>[Range]</c>, <c>[Required]</c>) that are checked when the host starts; slices read it as
/// <c>IOptions&lt;ProjectsOptions&gt;</c>.
/// </summary>
internal sealed class ProjectsOptions : IModuleOptions
{
    public static string Section => "Projects";
}
