using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Data;

internal sealed record StageCountRow(Stage Stage, int Count);

/// <summary>A type as stored: its name and its count per stage, read without tracking.</summary>
internal sealed record StoredType(Guid Id, string Name, DateTimeOffset CreatedAt, long Version, IReadOnlyList<StageCountRow> Counts);

internal static class StoredTypes
{
    /// <summary>One type with its counts in a single query (one round trip on the move path).</summary>
    public static Task<StoredType?> FindTypeAsync(this MiniaturesDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Types.AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => new StoredType(t.Id, t.Name, t.CreatedAt, t.Version, t.Counts.Select(c => new StageCountRow(c.Stage, c.Count)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
}
