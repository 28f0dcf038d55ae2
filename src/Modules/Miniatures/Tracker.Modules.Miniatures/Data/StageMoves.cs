using Npgsql;
using NpgsqlTypes;
using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Contracts;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Data;

/// <summary>The outcome of a move attempt: the type as it is now, and whether the miniatures moved.</summary>
internal sealed record MoveOutcome(StoredType Type, bool Moved);

/// <summary>
/// A move is: mark the type changed (version + 1, only at the version the client expects when it sent If-Match),
/// take from the source only if it holds enough, put into the target, append the history row, publish
/// <see cref="MiniaturesMoved"/> through the outbox, and answer the new counts, atomically. SQLite and SQL Server
/// run it as conditional UPDATEs and one SaveChanges in one transaction (joining the request's when an
/// Idempotency-Key opened one); PostgreSQL runs the same steps as one statement (data-modifying CTEs, the outbox
/// INSERT of <see cref="StatementPublication"/> among them), a single round trip with no transaction to open.
/// </summary>
internal static class StageMoves
{
    private static string? _moveSql;

    /// <param name="announcement">Published with the move, and only if the miniatures move; its time stamps the history row.</param>
    /// <returns>Null when the type does not exist.</returns>
    public static Task<MoveOutcome?> MoveAsync(this MiniaturesDbContext db, Guid typeId, Stage from, Stage to, int qty, long? expectedVersion, MiniaturesMoved announcement, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? MoveInOneStatementAsync(db, typeId, from, to, qty, expectedVersion, announcement, cancellationToken)
            : MoveInTransactionAsync(db, typeId, from, to, qty, expectedVersion, announcement, cancellationToken);

    private static async Task<MoveOutcome?> MoveInTransactionAsync(MiniaturesDbContext db, Guid typeId, Stage from, Stage to, int qty, long? expectedVersion, MiniaturesMoved announcement, CancellationToken cancellationToken)
    {
        // Nothing is retried inside this transaction, so SaveChanges needs no savepoint.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var moved = await db.TryBumpAsync(typeId, expectedVersion, t => t.Counts.Any(c => c.Stage == from && c.Count >= qty), cancellationToken)
            && await db.TryTakeAsync(typeId, from, qty, cancellationToken);
        if (moved)
        {
            await db.PutAsync(typeId, to, qty, cancellationToken);
            db.History.Add(HistoryEntry.Record(typeId, from, to, qty, announcement.OccurredAt));
            db.Publish(announcement);
            await db.SaveChangesAsync(cancellationToken);
        }

        var type = await db.FindTypeAsync(typeId, cancellationToken);
        if (moved)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return type is null ? null : new MoveOutcome(type, moved);
    }

    // The type row is locked first (every writer of a type's counts starts there), then the source (the target's
    // UPDATE waits on the source's result), and sources precede targets in the pipeline, so concurrent moves cannot
    // deadlock. The source check in "bumped" reads the statement's snapshot, "taken" re-checks the locked row: in a
    // race lost to another move the version may go up with nothing moved, which costs a client a 412, never a count.
    // Unchanged stages come from the snapshot; the changed ones and the version from RETURNING.
    private static string BuildMoveSql(MiniaturesDbContext db)
    {
        var types = SqlNames.Of<MiniatureType>(db).Table;
        var counts = SqlNames.Of<StageCount>(db).Table;
        var history = SqlNames.Of<HistoryEntry>(db).Table;
        return $"""
            WITH bumped AS (
                UPDATE {types} SET version = version + 1
                WHERE id = @type AND (@expected IS NULL OR version = @expected)
                  AND EXISTS (SELECT 1 FROM {counts} WHERE type_id = @type AND stage = @from AND count >= @qty)
                RETURNING version),
            taken AS (
                UPDATE {counts} SET count = count - @qty
                WHERE type_id = @type AND stage = @from AND count >= @qty AND EXISTS (SELECT 1 FROM bumped)
                RETURNING count),
            put AS (
                UPDATE {counts} SET count = count + @qty
                WHERE type_id = @type AND stage = @to AND EXISTS (SELECT 1 FROM taken)
                RETURNING count),
            logged AS (
                INSERT INTO {history} (type_id, from_stage, to_stage, qty, created_at)
                SELECT @type, @from, @to, @qty, @at FROM taken),
            published AS (
                {StatementPublication.InsertSql(db, "taken")})
            SELECT t.name, t.created_at, c.stage,
                   CASE c.stage WHEN @from THEN COALESCE((SELECT count FROM taken), c.count)
                                WHEN @to THEN COALESCE((SELECT count FROM put), c.count)
                                ELSE c.count END,
                   EXISTS (SELECT 1 FROM taken),
                   COALESCE((SELECT version FROM bumped), t.version)
            FROM {types} t JOIN {counts} c ON c.type_id = t.id
            WHERE t.id = @type
            """;
    }

    private static async Task<MoveOutcome?> MoveInOneStatementAsync(MiniaturesDbContext db, Guid typeId, Stage from, Stage to, int qty, long? expectedVersion, MiniaturesMoved announcement, CancellationToken cancellationToken)
    {
        using var publication = db.PublishWithStatement(announcement);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Npgsql runs the command inside the connection's transaction, if the request opened one.
            await using var command = new NpgsqlCommand(_moveSql ??= BuildMoveSql(db), (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter<Guid>("type", typeId));
            command.Parameters.Add(new NpgsqlParameter<short>("from", (short)from));
            command.Parameters.Add(new NpgsqlParameter<short>("to", (short)to));
            command.Parameters.Add(new NpgsqlParameter<int>("qty", qty));
            command.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Bigint) { Value = expectedVersion is { } expected ? expected : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", NpgsqlDbType.TimestampTz) { TypedValue = Timestamps.Normalize(announcement.OccurredAt) });
            publication.AddParameters(command);
            using var span = DatabaseTelemetry.StartCommand(command, db.Database);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            string? name = null;
            DateTimeOffset createdAt = default;
            var moved = false;
            long version = 0;
            var counts = new List<StageCountRow>(Stages.All.Count);
            while (await reader.ReadAsync(cancellationToken))
            {
                name = reader.GetString(0);
                createdAt = reader.GetFieldValue<DateTimeOffset>(1);
                counts.Add(new StageCountRow((Stage)reader.GetInt16(2), reader.GetInt32(3)));
                moved = reader.GetBoolean(4);
                version = reader.GetInt64(5);
            }

            if (moved)
            {
                publication.Published();
            }

            return name is null ? null : new MoveOutcome(new StoredType(typeId, name, createdAt, version, counts), moved);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
