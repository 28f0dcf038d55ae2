using Npgsql;
using NpgsqlTypes;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Data;

/// <summary>The outcome of a move attempt: the type as it is now, and whether the miniatures moved.</summary>
internal sealed record MoveOutcome(StoredType Type, bool Moved);

/// <summary>
/// A move is: take from the source only if it holds enough, put into the target, append the history row, and
/// answer the new counts, atomically. Every provider runs it as conditional UPDATEs in one transaction; PostgreSQL
/// runs the same steps as one statement (data-modifying CTEs), a single round trip with no transaction to open.
/// </summary>
internal static class StageMoves
{
    /// <returns>Null when the type does not exist.</returns>
    public static Task<MoveOutcome?> MoveAsync(this MiniaturesDbContext db, Guid typeId, Stage from, Stage to, int qty, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? MoveInOneStatementAsync(db, typeId, from, to, qty, at, cancellationToken)
            : MoveInTransactionAsync(db, typeId, from, to, qty, at, cancellationToken);

    private static async Task<MoveOutcome?> MoveInTransactionAsync(MiniaturesDbContext db, Guid typeId, Stage from, Stage to, int qty, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Nothing is retried inside this transaction, so SaveChanges needs no savepoint.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.TryTakeAsync(typeId, from, qty, cancellationToken);
        if (moved)
        {
            await db.PutAsync(typeId, to, qty, cancellationToken);
            db.History.Add(HistoryEntry.Record(typeId, from, to, qty, at));
            await db.SaveChangesAsync(cancellationToken);
        }

        var type = await db.FindTypeAsync(typeId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return type is null ? null : new MoveOutcome(type, moved);
    }

    // The source row is locked first (the target's UPDATE waits on the source's result), and sources precede
    // targets in the pipeline, so concurrent moves cannot deadlock. Unchanged stages come from the statement's
    // snapshot; the two changed ones from RETURNING.
    private const string MoveSql = """
        WITH taken AS (
            UPDATE miniatures.stage_counts SET count = count - @qty
            WHERE type_id = @type AND stage = @from AND count >= @qty
            RETURNING count),
        put AS (
            UPDATE miniatures.stage_counts SET count = count + @qty
            WHERE type_id = @type AND stage = @to AND EXISTS (SELECT 1 FROM taken)
            RETURNING count),
        logged AS (
            INSERT INTO miniatures.history_entries (type_id, from_stage, to_stage, qty, created_at)
            SELECT @type, @from, @to, @qty, @at FROM taken)
        SELECT t.name, t.created_at, c.stage,
               CASE c.stage WHEN @from THEN COALESCE((SELECT count FROM taken), c.count)
                            WHEN @to THEN COALESCE((SELECT count FROM put), c.count)
                            ELSE c.count END,
               EXISTS (SELECT 1 FROM taken)
        FROM miniatures.miniature_types t JOIN miniatures.stage_counts c ON c.type_id = t.id
        WHERE t.id = @type
        """;

    private static async Task<MoveOutcome?> MoveInOneStatementAsync(MiniaturesDbContext db, Guid typeId, Stage from, Stage to, int qty, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(MoveSql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter<Guid>("type", typeId));
            command.Parameters.Add(new NpgsqlParameter<short>("from", (short)from));
            command.Parameters.Add(new NpgsqlParameter<short>("to", (short)to));
            command.Parameters.Add(new NpgsqlParameter<int>("qty", qty));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", NpgsqlDbType.TimestampTz) { TypedValue = Timestamps.Normalize(at) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            string? name = null;
            DateTimeOffset createdAt = default;
            var moved = false;
            var counts = new List<StageCountRow>(Stages.All.Count);
            while (await reader.ReadAsync(cancellationToken))
            {
                name = reader.GetString(0);
                createdAt = reader.GetFieldValue<DateTimeOffset>(1);
                counts.Add(new StageCountRow((Stage)reader.GetInt16(2), reader.GetInt32(3)));
                moved = reader.GetBoolean(4);
            }

            return name is null ? null : new MoveOutcome(new StoredType(typeId, name, createdAt, counts), moved);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
