using System.Text.Json.Serialization;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features;

/// <summary>The count in each stage, keyed by the stage constants.</summary>
internal sealed record StageCountsResponse(
    [property: JsonPropertyName("IN_BOX")] int InBox,
    [property: JsonPropertyName("BUILDING")] int Building,
    [property: JsonPropertyName("PRIMING")] int Priming,
    [property: JsonPropertyName("PAINTING")] int Painting,
    [property: JsonPropertyName("DONE")] int Done)
{
    [JsonIgnore]
    public int Total => InBox + Building + Priming + Painting + Done;

    public int this[Stage stage] => stage switch
    {
        Stage.InBox => InBox,
        Stage.Building => Building,
        Stage.Priming => Priming,
        Stage.Painting => Painting,
        _ => Done,
    };

    public static StageCountsResponse From(IEnumerable<StageCountRow> counts)
    {
        var byStage = new int[Stages.All.Count];
        foreach (var count in counts)
        {
            byStage[(int)count.Stage] = count.Count;
        }

        return new StageCountsResponse(byStage[0], byStage[1], byStage[2], byStage[3], byStage[4]);
    }
}

internal sealed record StageCountRow(Stage Stage, int Count);

/// <summary>A miniature type with its count per stage and in total.</summary>
internal sealed record TypeResponse(Guid Id, string Name, StageCountsResponse Counts, int Total, DateTimeOffset CreatedAt);

internal sealed record TypeListResponse(IReadOnlyList<TypeResponse> Items);

/// <summary>Reads types with their counts in one query, for every feature that answers with a type.</summary>
internal static class TypeReader
{
    public static async Task<TypeResponse?> FindAsync(MiniaturesDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await ReadAsync(db.Types.Where(t => t.Id == id), cancellationToken)).SingleOrDefault();

    public static async Task<List<TypeResponse>> ReadAsync(IQueryable<MiniatureType> types, CancellationToken cancellationToken)
    {
        var rows = await types.AsNoTracking()
            .OrderBy(t => t.NormalizedName)
            .Select(t => new { t.Id, t.Name, t.CreatedAt, Counts = t.Counts.Select(c => new StageCountRow(c.Stage, c.Count)).ToList() })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(t =>
        {
            var counts = StageCountsResponse.From(t.Counts);
            return new TypeResponse(t.Id, t.Name, counts, counts.Total, t.CreatedAt);
        });
    }
}
