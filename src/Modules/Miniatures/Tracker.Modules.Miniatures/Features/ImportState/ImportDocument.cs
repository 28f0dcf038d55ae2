using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>
/// An export document as it arrives: every field optional and numbers wide, so that each problem can be reported
/// with its JSON path instead of failing on the first one.
/// </summary>
internal sealed class ImportDocument
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        // As strict as every other body: exact names, each once, numbers as numbers.
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public string? Format { get; set; }

    public long? Version { get; set; }

    public DateTimeOffset? ExportedAt { get; set; }

    public List<ImportedType?>? Types { get; set; }
}

internal sealed class ImportedType
{
    public Guid? Id { get; set; }

    public string? Name { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public Dictionary<string, long>? Counts { get; set; }

    public List<ImportedHistoryEntry?>? History { get; set; }
}

internal sealed class ImportedHistoryEntry
{
    public string? FromStage { get; set; }

    public string? ToStage { get; set; }

    public long? Qty { get; set; }

    public DateTimeOffset? At { get; set; }
}

/// <summary>One thing wrong with an import document, at its JSON path.</summary>
internal sealed record ImportProblem(string Path, string Message);
