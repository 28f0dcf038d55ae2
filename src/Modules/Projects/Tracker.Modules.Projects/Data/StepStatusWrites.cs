using Npgsql;
using NpgsqlTypes;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Data;

/// <summary>
/// A step's new status, saved with the move of its project's kept progress and the outbox row of the change. The
/// hot path of the module (workers clicking through their steps): on PostgreSQL one statement (data-modifying CTEs)
/// writes all three in one round trip and commits on its own, where SaveChanges takes a batch, the move and the
/// commit. SQLite and SQL Server save through SaveChanges, as PostgreSQL does in the rare race the statement refuses.
/// </summary>
internal static class StepStatusWrites
{
    /// <summary>The statement by whether it inserts the outbox row and whether it guards the move (see <see cref="BuildSql"/>).</summary>
    private static readonly string?[] Statements = new string?[4];

    /// <summary>Sets the status of a step read (tracked) with its project's coefficient, and saves it.</summary>
    /// <returns>False when another change to the step came first: nothing was written.</returns>
    public static async Task<bool> ChangeStatusAsync(this ProjectsDbContext db, Step step, WorkStatus status, decimal coefficient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = new StepInputs(step.Status, step.Weight, step.SubtaskWeights);
        var readVersion = step.Version;
        step.SetStatus(status, now);
        if (!db.Database.IsNpgsql())
        {
            return await db.SaveTrackedAsync(step, before.Status, coefficient, now, cancellationToken);
        }

        // On its own the statement is its own transaction, and must write everything or nothing; inside the
        // request's transaction (Idempotency-Key) a move that missed can be made again before that one commits.
        var guarded = db.Database.CurrentTransaction is null;
        using var publication = step.Status == before.Status ? null : db.PublishWithStatement(StepEvents.StatusChanged(step, before.Status, now));
        var change = new KeptProgressWrites.StepChange(step.ProjectId, before, new StepInputs(step.Status, step.Weight, step.SubtaskWeights));
        var (weight, weighted) = KeptProgressWrites.MoveAt([change], coefficient);
        var index = (publication is null ? 0 : 1) + (guarded ? 2 : 0);
        var sql = Statements[index] ??= BuildSql(db, publishing: publication is not null, guarded);
        bool changed, moved;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter<Guid>("step", step.Id));
            command.Parameters.Add(new NpgsqlParameter<long>("read_version", readVersion));
            command.Parameters.Add(new NpgsqlParameter<long>("version", step.Version));
            command.Parameters.Add(new NpgsqlParameter<short>("status", (short)step.Status));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated_at", NpgsqlDbType.TimestampTz) { TypedValue = step.UpdatedAt });
            command.Parameters.Add(new NpgsqlParameter<Guid>("project", step.ProjectId));
            command.Parameters.Add(new NpgsqlParameter<decimal>("counted_at", coefficient));
            command.Parameters.Add(new NpgsqlParameter<long>("weight", weight));
            command.Parameters.Add(new NpgsqlParameter<long>("weighted", weighted));
            publication?.AddParameters(command);
            using (DatabaseTelemetry.StartCommand(command, db.Database))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (changed, moved) = (reader.GetBoolean(0), reader.GetBoolean(1));
            }
        }
        catch (PostgresException exception) when (guarded && exception.SqlState == PostgresErrorCodes.DivisionByZero)
        {
            // The guard: a new coefficient was counted after the step was read, and the statement wrote nothing.
            // SaveChanges makes the move at the coefficient counted now, in the same transaction as the step.
            return await db.SaveTrackedAsync(step, before.Status, coefficient, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (!changed)
        {
            return false;
        }

        if (!moved)
        {
            // Inside the request's transaction: counting the project again from its steps, as this transaction
            // sees them, includes the change; both commit with that transaction or not at all.
            await db.RecountProgressAsync([step.ProjectId], cancellationToken);
        }

        publication?.Published();
        // The tracker holds the step as saved, so that no later SaveChanges of this context writes it again.
        db.ChangeTracker.AcceptAllChanges();
        return true;
    }

    private static async Task<bool> SaveTrackedAsync(this ProjectsDbContext db, Step step, WorkStatus from, decimal coefficient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.PublishStatusChange(step, from, now);
        db.CoefficientsRead[step.ProjectId] = coefficient;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    // The step row is locked before the progress row, the order every write takes them in; the move and the outbox
    // row depend on the step's UPDATE, so a step changed by someone else since it was read leaves everything as it was.
    // Guarded, a step changed without its move (a new coefficient counted since the read) fails the statement on a
    // division by zero, which PostgreSQL SQL has in place of RAISE, so that the step's UPDATE is rolled back with it.
    // The divisor depends on the CTEs' results, so the planner cannot fold it into an error of every execution.
    private static string BuildSql(ProjectsDbContext db, bool publishing, bool guarded)
    {
        var steps = SqlNames.Of<Step>(db);
        var progress = SqlNames.Of<KeptProgress>(db);
        var published = publishing ? $", published AS ({StatementPublication.InsertSql(db, "changed")})" : string.Empty;
        var moved = guarded
            ? "1 / (CASE WHEN EXISTS (SELECT 1 FROM changed) AND NOT EXISTS (SELECT 1 FROM moved) THEN 0 ELSE 1 END) = 1"
            : "EXISTS (SELECT 1 FROM moved)";
        return $"""
            WITH changed AS (
                UPDATE {steps.Table}
                SET {steps.Column(nameof(Step.Status))} = @status, {steps.Column(nameof(Step.UpdatedAt))} = @updated_at, {steps.Column(nameof(Step.Version))} = @version
                WHERE {steps.Column(nameof(Step.Id))} = @step AND {steps.Column(nameof(Step.Version))} = @read_version
                RETURNING 1),
            moved AS (
                UPDATE {progress.Table}
                SET {progress.Column(nameof(KeptProgress.WeightUnits))} = {progress.Column(nameof(KeptProgress.WeightUnits))} + @weight,
                    {progress.Column(nameof(KeptProgress.WeightedUnits))} = {progress.Column(nameof(KeptProgress.WeightedUnits))} + @weighted
                WHERE {progress.Column(nameof(KeptProgress.ProjectId))} = @project AND {progress.Column(nameof(KeptProgress.CountedAt))} = @counted_at
                  AND EXISTS (SELECT 1 FROM changed)
                RETURNING 1){published}
            SELECT EXISTS (SELECT 1 FROM changed), {moved}
            """;
    }
}
