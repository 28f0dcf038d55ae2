namespace Tracker.Modules.Miniatures.Domain;

/// <summary>Bounds on the numbers a hobbyist can plausibly mean; anything beyond is a typo or an attack.</summary>
internal static class Quantities
{
    /// <summary>Most miniatures one move or purchase may carry.</summary>
    public const int MaxPerOperation = 1_000_000;

    /// <summary>Most miniatures one type may hold over all its stages; keeps every count and total far from overflow.</summary>
    public const int MaxPerType = 100_000_000;

    public static bool IsValid(int qty) => qty is >= 1 and <= MaxPerOperation;
}
