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
/// commit. SQLite and SQL Server save through SaveChanges.
/// </summary>
internal static class StepStatusWrites
{
    private static string? _sql;
    private static string? _publishingSql;

    /// <summary>Sets the status of a step read (tracked) with its project's coefficient, and saves it.</summary>
    /// <returns>False when another change to the step came first: nothing was written.</returns>
    public static async Task<bool> ChangeStatusAsync(this ProjectsDbContext db, Step step, WorkStatus status, decimal coefficient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = new StepInputs(step.Status, step.Weight, step.SubtaskWeights);
        var readVersion = step.Version;
        step.SetStatus(status, now);
        if (!db.Database.IsNpgsql())
        {
            db.PublishStatusChange(step, before.Status, now);
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

        using var publication = step.Status == before.Status ? null : db.PublishWithStatement(StepEvents.StatusChanged(step, before.Status, now));
        var change = new KeptProgressWrites.StepChange(step.ProjectId, before, new StepInputs(step.Status, step.Weight, step.SubtaskWeights));
        var (weight, weighted) = KeptProgressWrites.MoveAt([change], coefficient);
        var sql = publication is null ? _sql ??= BuildSql(db, publishing: false) : _publishingSql ??= BuildSql(db, publishing: true);
        bool changed, moved;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Inside the request's transaction when one is open (Idempotency-Key), else a transaction of its own.
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
            using (DatabaseTelemetry.StartCommand(command, db.Database.ProviderName))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (changed, moved) = (reader.GetBoolean(0), reader.GetBoolean(1));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (!changed)
        {
            return false;
        }

        publication?.Published();
        // The tracker holds the step as saved, so that no later SaveChanges of this context writes it again.
        db.ChangeTracker.AcceptAllChanges();
        if (!moved)
        {
            // A new coefficient was counted after the step was read, without this change, which was not committed
            // yet (or the project went): counting the project again from its steps, as committed now, includes it.
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            await db.RecountProgressAsync([step.ProjectId], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return true;
    }

    // The step row is locked before the progress row, the order every write takes them in; the move and the outbox
    // row depend on the step's UPDATE, so a step changed by someone else since it was read leaves everything as it was.
    private static string BuildSql(ProjectsDbContext db, bool publishing)
    {
        var steps = SqlNames.Of<Step>(db);
        var progress = SqlNames.Of<KeptProgress>(db);
        var published = publishing ? $", published AS ({StatementPublication.InsertSql(db, "changed")})" : string.Empty;
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
            SELECT EXISTS (SELECT 1 FROM changed), EXISTS (SELECT 1 FROM moved)
            """;
    }
}
