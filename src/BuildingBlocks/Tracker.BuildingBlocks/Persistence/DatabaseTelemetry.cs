using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// One client span per database command on every provider, named and tagged after the OpenTelemetry database
/// conventions: <c>db.system</c>, <c>db.operation.name</c>, <c>db.collection.name</c> (the table) and
/// <c>db.namespace</c>. Neither the statement's parameters nor its text are recorded: a literal in SQL would leak
/// data. EF Core commands are traced by <see cref="DatabaseCommandInterceptor"/>; code that runs its own
/// <see cref="DbCommand"/> on a context's connection wraps it in <see cref="StartCommand"/>. Npgsql's own
/// instrumentation is not subscribed, so PostgreSQL commands are not traced twice.
/// </summary>
public static partial class DatabaseTelemetry
{
    public const string ActivitySourceName = "Tracker.Database";
    private static readonly ActivitySource Source = new(ActivitySourceName);
    private static readonly ConcurrentDictionary<string, (string Operation, string? Table)> Summaries = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts the span of a command (null when nobody listens). Dispose it when the command has run. The provider
    /// is read only when somebody listens: its name comes from an assembly lookup on every call.
    /// </summary>
    public static Activity? StartCommand(DbCommand command, DatabaseFacade? database)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var (operation, table) = Summarize(command.CommandText);
        var activity = Source.StartActivity(table is null ? operation : $"{operation} {table}", ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        var system = SystemOf(database?.ProviderName);
        activity.SetTag("db.system", system);
        activity.SetTag("db.system.name", system);
        activity.SetTag("db.operation.name", operation);
        if (table is not null)
        {
            activity.SetTag("db.collection.name", table);
        }

        if (command.Connection?.Database is { Length: > 0 } databaseName)
        {
            activity.SetTag("db.namespace", databaseName);
        }

        return activity;
    }

    /// <summary>Marks the span failed with the exception's type (its message may quote data).</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("error.type", exception.GetType().FullName);
    }

    internal static string SystemOf(string? providerName) => providerName switch
    {
        null => "other_sql",
        _ when providerName.Contains("Npgsql", StringComparison.Ordinal) => "postgresql",
        _ when providerName.Contains("Sqlite", StringComparison.Ordinal) => "sqlite",
        _ when providerName.Contains("SqlServer", StringComparison.Ordinal) || providerName.Contains("SqlClient", StringComparison.Ordinal) => "mssql",
        _ => "other_sql",
    };

    /// <summary>
    /// The operation (SELECT, INSERT, ...) and the table it acts on, from the statement's text. For data-modifying
    /// CTEs the first modified table is named, for queries the first table read. Cached per distinct statement:
    /// EF Core and Tracker's own SQL reuse a small set of texts.
    /// </summary>
    internal static (string Operation, string? Table) Summarize(string sql) =>
        Summaries.Count < 2048
            ? Summaries.GetOrAdd(sql, Parse)
            : Summaries.TryGetValue(sql, out var known) ? known : Parse(sql);

    private static (string Operation, string? Table) Parse(string sql)
    {
        var leading = LeadingKeyword().Match(sql);
        var operation = leading.Success ? leading.Groups[1].Value.ToUpperInvariant() : "EXECUTE";
        if (operation == "WITH")
        {
            // A CTE: what it modifies says more than what it reads.
            var modifying = ModifyingClause().Match(sql);
            if (modifying.Success)
            {
                return (modifying.Groups["op"].Value.ToUpperInvariant(), Unquote(modifying.Groups["table"].Value));
            }

            operation = "SELECT";
        }

        var target = operation switch
        {
            "INSERT" or "MERGE" => Into().Match(sql),
            "UPDATE" => Update().Match(sql),
            "DELETE" or "SELECT" => From().Match(sql),
            _ => Match.Empty,
        };
        return (operation, target.Success ? Unquote(target.Groups["table"].Value) : null);
    }

    private static string Unquote(string name)
    {
        var last = name[(name.LastIndexOf('.') + 1)..];
        return last.Trim('"', '[', ']', '`');
    }

    private const string TableName = @"(?<table>(?:[""\[`]?[A-Za-z_][A-Za-z0-9_$]*[""\]`]?\.)?[""\[`]?[A-Za-z_][A-Za-z0-9_$]*[""\]`]?)";

    [GeneratedRegex(@"^\s*(?:--[^\n]*\n\s*)*([A-Za-z]+)")]
    private static partial Regex LeadingKeyword();

    [GeneratedRegex(@"\b(?<op>UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+" + TableName, RegexOptions.IgnoreCase)]
    private static partial Regex ModifyingClause();

    [GeneratedRegex(@"\bINTO\s+" + TableName, RegexOptions.IgnoreCase)]
    private static partial Regex Into();

    [GeneratedRegex(@"^\s*UPDATE\s+(?:TOP\s*\(\d+\)\s+)?" + TableName, RegexOptions.IgnoreCase)]
    private static partial Regex Update();

    [GeneratedRegex(@"\bFROM\s+" + TableName, RegexOptions.IgnoreCase)]
    private static partial Regex From();
}

/// <summary>Traces every command EF Core runs (see <see cref="DatabaseTelemetry"/>); registered on every module's context.</summary>
internal sealed class DatabaseCommandInterceptor : DbCommandInterceptor
{
    public static readonly DatabaseCommandInterceptor Instance = new();

    private readonly ConcurrentDictionary<Guid, Activity> _running = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Stop(eventData.CommandId);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Start(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Stop(eventData.CommandId);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Start(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Stop(eventData.CommandId);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Stop(eventData.CommandId, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, eventData.Exception);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Stop(eventData.CommandId);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId);
        return Task.CompletedTask;
    }

    private void Start(DbCommand command, CommandEventData eventData)
    {
        var parent = Activity.Current;
        var activity = DatabaseTelemetry.StartCommand(command, eventData.Context?.Database);
        if (activity is not null)
        {
            // A command span is a leaf: the caller's own activity stays current, so nothing started meanwhile
            // hangs under the command, and a command whose end is never reported leaks nothing into the flow.
            Activity.Current = parent;
            _running[eventData.CommandId] = activity;
        }
    }

    private void Stop(Guid commandId, Exception? exception = null)
    {
        if (_running.TryRemove(commandId, out var activity))
        {
            if (exception is not null)
            {
                DatabaseTelemetry.Fail(activity, exception);
            }

            var current = Activity.Current;
            activity.Stop();
            Activity.Current = current;
        }
    }
}
