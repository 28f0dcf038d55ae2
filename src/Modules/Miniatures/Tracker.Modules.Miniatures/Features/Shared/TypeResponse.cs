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

internal sealed record TypeListResponse(IReadOnlyList<TypeResponse> Items);

/// <summary>Reads types with their counts in one query, for every feature that answers with a type.</summary>
internal static class TypeReader
{
    /// <summary>One type with its counts: a single query (one round trip on the move path).</summary>
    public static async Task<TypeResponse?> FindAsync(MiniaturesDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.FindTypeAsync(id, cancellationToken) is { } stored ? From(stored) : null;

    public static TypeResponse From(StoredType stored) =>
        Create(stored.Id, stored.Name, stored.CreatedAt, StageCountsResponse.From(stored.Counts)) with { Version = stored.Version };

    /// <summary>
    /// Many types, A–Z. Types and counts are read by two plain queries and joined here: sorting the 1,000 types
    /// alone costs the database far less than sorting (or pivoting) the 5,000 rows of a join.
    /// </summary>
    public static async Task<List<TypeResponse>> ReadAsync(MiniaturesDbContext db, string? nameContains, CancellationToken cancellationToken)
    {
        var types = db.Types.AsNoTracking();
        var counts = db.StageCounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(nameContains))
        {
            var term = MiniatureType.Normalize(nameContains);
            types = types.Where(t => t.NormalizedName.Contains(term));
            counts = counts.Where(c => types.Any(t => t.Id == c.TypeId));
        }

        var rows = await types
            .OrderBy(t => t.NormalizedName)
            .Select(t => new { t.Id, t.Name, t.CreatedAt })
            .ToListAsync(cancellationToken);
        var byType = new Dictionary<Guid, int[]>(rows.Count);
        await foreach (var count in counts.Select(c => new { c.TypeId, c.Stage, c.Count }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!byType.TryGetValue(count.TypeId, out var stages))
            {
                byType[count.TypeId] = stages = new int[Stages.All.Count];
            }

            stages[(int)count.Stage] = count.Count;
        }

        return rows.ConvertAll(t =>
        {
            var stages = byType.GetValueOrDefault(t.Id) ?? new int[Stages.All.Count];
            return Create(t.Id, t.Name, t.CreatedAt, new StageCountsResponse(stages[0], stages[1], stages[2], stages[3], stages[4]));
        });
    }

    public static TypeResponse Create(Guid id, string name, DateTimeOffset createdAt, StageCountsResponse counts) =>
        new(id, name, counts, counts.Total, createdAt);
}
