using System.Text.Json.Serialization;
using Tracker.BuildingBlocks.Json;

namespace Tracker.Modules.Miniatures.Domain;

/// <summary>
/// The fixed painting pipeline, in order. Miniatures only ever move to a later stage. Stages travel as their
/// constants ("IN_BOX") and nothing else (<see cref="WireEnum"/>).
/// </summary>
[JsonConverter(typeof(StrictEnumConverter))]
internal enum Stage : short
{
    [JsonStringEnumMemberName("IN_BOX")]
    InBox = 0,

    [JsonStringEnumMemberName("BUILDING")]
    Building = 1,

    [JsonStringEnumMemberName("PRIMING")]
    Priming = 2,

    [JsonStringEnumMemberName("PAINTING")]
    Painting = 3,

    [JsonStringEnumMemberName("DONE")]
    Done = 4,
}

internal static class Stages
{
    public static IReadOnlyList<Stage> All { get; } = Enum.GetValues<Stage>();

    private static readonly Dictionary<Stage, LocalizedText> Labels = new()
    {
        [Stage.InBox] = new("In box", "В коробке"),
        [Stage.Building] = new("Building", "Сборка"),
        [Stage.Priming] = new("Priming", "Грунтовка"),
        [Stage.Painting] = new("Painting", "Покраска"),
        [Stage.Done] = new("Done", "Готово"),
    };

    /// <summary>The constant a stage is written as outside C#: "IN_BOX".</summary>
    public static string Code(this Stage stage) => WireEnum.NameOf(stage);

    public static LocalizedText Label(this Stage stage) => Labels[stage];

    /// <summary>Exactly one stage constant; the same rule as JSON bodies and query strings.</summary>
    public static bool TryParse(string? code, out Stage stage) => WireEnum.TryParse(code, out stage);

    /// <summary>Forward-only: any later stage is allowed, the same or an earlier one never.</summary>
    public static bool CanMove(Stage from, Stage to) => to > from && Enum.IsDefined(from) && Enum.IsDefined(to);
}
