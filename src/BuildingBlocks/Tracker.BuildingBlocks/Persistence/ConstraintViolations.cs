using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// Recognises a write refused by a constraint, on every provider Tracker runs on, so that a race between a check
/// and the write becomes the answer the check would have given a moment later instead of a 500: a unique index or
/// primary key (the name was taken meanwhile), or a foreign key (what the row points to was deleted by a request
/// that committed first, or a delete met rows that still point to its row).
/// </summary>
public static class ConstraintViolations
{
    // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_FOREIGNKEY (extended result codes).
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteForeignKey = 787;

    // SQLITE_CONSTRAINT_TRIGGER: SQLite runs ON DELETE RESTRICT as a built-in trigger, whose refusal carries this code.
    private const int SqliteTrigger = 1811;
    private const string SqliteForeignKeyMessage = "FOREIGN KEY constraint failed";

    // Violation of a UNIQUE/PRIMARY KEY constraint, and a duplicate key in a unique index.
    private const int SqlServerUniqueConstraint = 2627;
    private const int SqlServerUniqueIndex = 2601;

    // "The INSERT statement conflicted with the FOREIGN KEY constraint", "The DELETE statement conflicted with the
    // REFERENCE constraint": foreign keys (from either end) and CHECK constraints share the number.
    private const int SqlServerConstraintConflict = 547;

    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sqlServer => sqlServer.Number is SqlServerUniqueConstraint or SqlServerUniqueIndex,
        _ => false,
    };

    /// <summary>For SaveChanges (a <see cref="DbUpdateException"/>) and for ExecuteUpdate/ExecuteDelete (the provider's own exception).</summary>
    public static bool IsForeignKeyViolation(this Exception exception) => (exception is DbUpdateException { InnerException: { } inner } ? inner : exception) switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteForeignKey
            || sqlite.SqliteExtendedErrorCode == SqliteTrigger && sqlite.Message.Contains(SqliteForeignKeyMessage, StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        SqlException sqlServer => sqlServer.Number == SqlServerConstraintConflict
            && (sqlServer.Message.Contains("FOREIGN KEY", StringComparison.Ordinal) || sqlServer.Message.Contains("REFERENCE", StringComparison.Ordinal)),
        _ => false,
    };

    /// <summary>Saves, or answers false when a unique index refused the write; see <see cref="TrySaveUnlessAsync"/>.</summary>
    public static Task<bool> TrySaveUniqueAsync(this DbContext db, CancellationToken cancellationToken) =>
        db.TrySaveUnlessAsync(IsUniqueViolation, cancellationToken);

    /// <summary>Saves, or answers false when a foreign key refused the write (what it points to is gone); see <see cref="TrySaveUnlessAsync"/>.</summary>
    public static Task<bool> TrySaveReferencesAsync(this DbContext db, CancellationToken cancellationToken) =>
        db.TrySaveUnlessAsync(exception => exception.IsForeignKeyViolation(), cancellationToken);

    /// <summary>
    /// Saves, or answers false when a unique index or a foreign key refused the write, for a row that can meet
    /// both (the caller reads which it was); see <see cref="TrySaveUnlessAsync"/>.
    /// </summary>
    public static Task<bool> TrySaveUniqueAndReferencesAsync(this DbContext db, CancellationToken cancellationToken) =>
        db.TrySaveUnlessAsync(exception => exception.IsUniqueViolation() || exception.IsForeignKeyViolation(), cancellationToken);

    /// <summary>
    /// Saves, or answers false when <paramref name="refused"/> recognises the failure. The change tracker is then
    /// cleared, so the caller can read the state that won. Any other failure propagates.
    /// </summary>
    private static async Task<bool> TrySaveUnlessAsync(this DbContext db, Func<DbUpdateException, bool> refused, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (refused(exception))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
