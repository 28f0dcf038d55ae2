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

    private static readonly Dictionary<Stage, (string Code, LocalizedText Label)> Info = new()
    {
        [Stage.InBox] = ("IN_BOX", new("In box", "В коробке")),
        [Stage.Building] = ("BUILDING", new("Building", "Сборка")),
        [Stage.Priming] = ("PRIMING", new("Priming", "Грунтовка")),
        [Stage.Painting] = ("PAINTING", new("Painting", "Покраска")),
        [Stage.Done] = ("DONE", new("Done", "Готово")),
    };

    private static readonly Dictionary<string, Stage> ByCode = Info.ToDictionary(i => i.Value.Code, i => i.Key, StringComparer.Ordinal);

    public static string Code(this Stage stage) => Info[stage].Code;

    public static LocalizedText Label(this Stage stage) => Info[stage].Label;

    public static bool TryParse(string? code, out Stage stage) => ByCode.TryGetValue(code ?? string.Empty, out stage);

    /// <summary>Forward-only: any later stage is allowed, the same or an earlier one never.</summary>
    public static bool CanMove(Stage from, Stage to) => to > from && Enum.IsDefined(from) && Enum.IsDefined(to);
}
