namespace Tracker.Modules.Miniatures.Domain;

/// <summary>Bounds on the numbers a hobbyist can plausibly mean; anything beyond is a typo or an attack.</summary>
internal static class Quantities
{
    /// <summary>Most miniatures one move or purchase may carry.</summary>
    public const int MaxPerOperation = 1_000_000;

    /// <summary>Most miniatures an imported document may hold in one stage of one type.</summary>
    public const int MaxPerStage = 100_000_000;

    public static bool IsValid(int qty) => qty is >= 1 and <= MaxPerOperation;
}
