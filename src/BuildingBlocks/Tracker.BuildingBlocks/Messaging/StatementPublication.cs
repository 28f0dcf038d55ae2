using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>
/// An integration event that a module's own SQL statement inserts into its outbox, for a change made by one
/// hand-written statement rather than SaveChanges (a move on PostgreSQL): the statement embeds
/// <see cref="InsertSql"/>, so the row is written by the change itself, only if the change happens, and commits
/// with it, at the price of one more INSERT and no extra round trip. From
/// <see cref="ModuleDbContext.PublishWithStatement"/>: add <see cref="AddParameters"/> to the command, run it,
/// call <see cref="Published"/> if it made the change, and dispose.
/// </summary>
public sealed class StatementPublication : IDisposable
{
    private readonly OutboxMessage _message;
    private readonly Activity? _span;
    private readonly OutboxSignal _signal;
    private readonly string _module;
    private bool _published;

    internal StatementPublication(OutboxMessage message, Activity? span, OutboxSignal signal, string module)
    {
        _message = message;
        _span = span;
        _signal = signal;
        _module = module;
    }

    /// <summary>
    /// <c>INSERT INTO outbox_messages (...) SELECT ... FROM <paramref name="source"/></c>: a row for each row of
    /// <paramref name="source"/> (a CTE that yields one row when the change happened, none otherwise), with the
    /// values that <see cref="AddParameters"/> binds.
    /// </summary>
    public static string InsertSql(ModuleDbContext db, string source)
    {
        var outbox = SqlNames.Of<OutboxMessage>(db);
        string[] columns =
        [
            outbox.Column(nameof(OutboxMessage.Id)), outbox.Column(nameof(OutboxMessage.Type)), outbox.Column(nameof(OutboxMessage.Payload)),
            outbox.Column(nameof(OutboxMessage.OccurredAt)), outbox.Column(nameof(OutboxMessage.TraceParent)),
            outbox.Column(nameof(OutboxMessage.Attempts)), outbox.Column(nameof(OutboxMessage.NextAttemptAt)),
        ];
        return $"INSERT INTO {outbox.Table} ({string.Join(", ", columns)}) "
            + $"SELECT @outbox_id, @outbox_type, @outbox_payload, @outbox_at, @outbox_trace, 0, @outbox_at FROM {source}";
    }

    public void AddParameters(DbCommand command)
    {
        Add(command, "@outbox_id", _message.Id);
        Add(command, "@outbox_type", _message.Type);
        Add(command, "@outbox_payload", _message.Payload);
        Add(command, "@outbox_at", _message.OccurredAt);
        Add(command, "@outbox_trace", _message.TraceParent);
    }

    /// <summary>The statement wrote the row: its producer span is kept and, once disposed, the dispatcher woken.</summary>
    public void Published() => _published = true;

    /// <summary>
    /// After the statement has completed: wakes the dispatcher for a written row and ends the producer span; the
    /// span of a message that was never written is dropped from the trace.
    /// </summary>
    public void Dispose()
    {
        if (_published)
        {
            _signal.Notify(_module);
        }

        if (_span is null || _span.IsStopped)
        {
            return;
        }

        if (!_published)
        {
            _span.IsAllDataRequested = false;
            _span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        var current = Activity.Current;
        _span.Stop();
        Activity.Current = current;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
