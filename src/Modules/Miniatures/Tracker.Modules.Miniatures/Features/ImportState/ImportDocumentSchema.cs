using System.Text.Json.Serialization;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.ImportState;

// The request body as the OpenAPI document describes it: the shape GET /export produces, with required exactly
// what the import refuses to do without (format, version, types, and per type its name; per history entry its
// target stage, quantity and time). A document written by hand may leave the rest out: no exportedAt, no id (a new
// one is given), no createdAt (now), no counts or stages in them (0), no history, no fromStage (a purchase).

internal sealed record ImportDocumentSchema(string Format, int Version, IReadOnlyList<ImportedTypeSchema> Types, DateTimeOffset? ExportedAt = null);

/// <param name="Id">Kept when no type has it yet.</param>
internal sealed record ImportedTypeSchema(
    string Name,
    Guid? Id = null,
    DateTimeOffset? CreatedAt = null,
    ImportedCountsSchema? Counts = null,
    IReadOnlyList<ImportedHistoryEntrySchema>? History = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ImportedCountsSchema(
    [property: JsonPropertyName("IN_BOX")] int InBox = 0,
    [property: JsonPropertyName("BUILDING")] int Building = 0,
    [property: JsonPropertyName("PRIMING")] int Priming = 0,
    [property: JsonPropertyName("PAINTING")] int Painting = 0,
    [property: JsonPropertyName("DONE")] int Done = 0);

/// <param name="FromStage">Null or left out for a purchase (miniatures added to IN_BOX).</param>
internal sealed record ImportedHistoryEntrySchema(Stage ToStage, int Qty, DateTimeOffset At, Stage? FromStage = null);
