using System.ComponentModel.DataAnnotations;
using Tracker.BuildingBlocks.Modules;

namespace Tracker.Modules.Miniatures;

/// <summary>The <c>Miniatures</c> configuration section.</summary>
internal sealed class MiniaturesOptions : IModuleOptions
{
    public static string Section => "Miniatures";

    /// <summary>
    /// How long this instance may serve the full type list from memory before refreshing it. Writes made through
    /// this instance refresh it at once; this only bounds how long a write made through another instance takes to
    /// show. Zero disables the cache.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ListCacheMaxAge { get; set; } = TimeSpan.FromSeconds(1);
}
