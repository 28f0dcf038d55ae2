using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Miniatures.Domain;

/// <summary>A kind of miniature (e.g. "Space Marine Captain") and how many of it sit in each stage.</summary>
internal sealed class MiniatureType
{
    public const int NameMaxLength = 100;

    private MiniatureType()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Trimmed, composed (NFC), upper-cased name: uniqueness and A–Z order ignore case and how accents were typed.</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// Incremented by every change of the type: rename, purchase, move, import merge (the count updates bump it in
    /// the same statement or transaction). It is the type's ETag and the If-Match precondition of writes.
    /// </summary>
    public long Version { get; private set; }

    public List<StageCount> Counts { get; private set; } = [];

    /// <summary>A new type with a zero count in every stage (one row per stage, always).</summary>
    public static MiniatureType Create(string name, DateTimeOffset now, Guid? id = null)
    {
        var type = new MiniatureType { Id = id ?? Guid.CreateVersion7(now), CreatedAt = Timestamps.Normalize(now), Version = FirstVersion };
        type.SetName(name);
        type.Counts = [.. Stages.All.Select(stage => new StageCount(type.Id, stage, 0))];
        return type;
    }

    public static string Normalize(string name) => UnicodeText.FoldName(name);

    public const long FirstVersion = 1;

    /// <summary>A rename is a change of the type: <see cref="Version"/> + 1.</summary>
    public void Rename(string name)
    {
        SetName(name);
        Version++;
    }

    private void SetName(string name)
    {
        Name = UnicodeText.CleanName(name);
        NormalizedName = Normalize(name);
    }
}

/// <summary>How many miniatures of one type are in one stage. Never negative (the database enforces it too).</summary>
internal sealed class StageCount(Guid typeId, Stage stage, int count)
{
    public Guid TypeId { get; private set; } = typeId;

    public Stage Stage { get; private set; } = stage;

    public int Count { get; set; } = count;
}

/// <summary>One move (or purchase, when <see cref="FromStage"/> is null), appended and never changed.</summary>
internal sealed class HistoryEntry
{
    private HistoryEntry()
    {
    }

    public long Id { get; private set; }

    public Guid TypeId { get; private set; }

    public Stage? FromStage { get; private set; }

    public Stage ToStage { get; private set; }

    public int Qty { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static HistoryEntry Record(Guid typeId, Stage? from, Stage to, int qty, DateTimeOffset at) =>
        new() { TypeId = typeId, FromStage = from, ToStage = to, Qty = qty, CreatedAt = Timestamps.Normalize(at) };
}
