using Tracker.BuildingBlocks.Modules;

namespace Tracker.Modules.__Name__;

/// <summary>
/// The <c>__Name__</c> configuration section. Each setting gets a default here and data annotations
/// (<c>[Range]</c>, <c>[Required]</c>) that are checked when the host starts; slices read it as
/// <c>IOptions&lt;__Name__Options&gt;</c>.
/// </summary>
internal sealed class __Name__Options : IModuleOptions
{
    public static string Section => "__Name__";
}
