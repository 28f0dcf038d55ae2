using System.Text.Json.Serialization;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.Shared;

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

/// <summary>A miniature type with its count per stage and in total.</summary>
internal sealed record TypeResponse(Guid Id, string Name, StageCountsResponse Counts, int Total, DateTimeOffset CreatedAt) : IVersionedResource
{
    /// <summary>Sent as the ETag header, not in the body.</summary>
    [JsonIgnore]
    public long Version { get; init; }
}

/// <summary>Reads types with their counts in one query, for every feature that answers with a type.</summary>
internal static class TypeReader
{
    /// <summary>One type with its counts: a single query (one round trip on the move path).</summary>
    public static async Task<TypeResponse?> FindAsync(MiniaturesDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.FindTypeAsync(id, cancellationToken) is { } stored ? From(stored) : null;

    public static TypeResponse From(StoredType stored) =>
        Create(stored.Id, stored.Name, stored.CreatedAt, StageCountsResponse.From(stored.Counts)) with { Version = stored.Version };

    public static TypeResponse Create(Guid id, string name, DateTimeOffset createdAt, StageCountsResponse counts) =>
        new(id, name, counts, counts.Total, createdAt);
}
