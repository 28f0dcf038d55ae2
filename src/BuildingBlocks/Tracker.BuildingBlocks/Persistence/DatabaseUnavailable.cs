using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tracker.BuildingBlocks.Http;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// Recognises a failure that says "the database cannot be reached right now" (refused or dropped connection,
/// server shutting down or starting, pool exhausted, file locked), on every provider Tracker runs on. Such a
/// request did nothing wrong: it answers 503 with <c>Retry-After</c> instead of 500, and the next request after the
/// database returns simply works (connection pools replace broken connections on their own).
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>How long a client is asked to wait: long enough for a restart or fail-over, short enough to notice recovery.</summary>
    public static readonly TimeSpan RetryAfterDelay = TimeSpan.FromSeconds(5);

    public static readonly Error Error = new Error(
        "ERR_DATABASE_UNAVAILABLE", ErrorKind.Unavailable,
        new("Database unavailable", "База данных недоступна"),
        new("The database cannot be reached right now; nothing was changed. Try again later.", "База данных сейчас недоступна; ничего не изменено. Повторите попытку позже."))
        .WithRetryAfter(RetryAfterDelay);

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (primary result codes).
    private static readonly HashSet<int> SqliteUnavailable = [5, 6, 10, 13, 14];

    // Timeout (-2), network errors (53, 40, 233, 64, 121, 10053, 10054, 10060, 10061, 11001), database cannot be
    // opened or is in transition (4060, 952, 942), Azure SQL "unavailable, retry" family (40197, 40501, 40613, 49918-49920).
    private static readonly HashSet<int> SqlServerUnavailable =
        [-2, 40, 53, 64, 121, 233, 942, 952, 4060, 10053, 10054, 10060, 10061, 11001, 40197, 40501, 40613, 49918, 49919, 49920];

    /// <summary>True when <paramref name="exception"/> or anything it wraps says the database is unreachable.</summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsDatabaseUnavailable);
            }

            if (Says(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Says(Exception exception) => exception switch
    {
        PostgresException postgres => IsPostgresUnavailable(postgres.SqlState),

        // Npgsql's own errors (not the server's): broken or refused connections, pool exhaustion, timeouts while
        // connecting. Npgsql marks exactly these as transient; a command that timed out on a live server is too,
        // and a 503 with Retry-After is the right answer for it as well.
        NpgsqlException npgsql => npgsql.IsTransient,
        SqlException sqlServer => sqlServer.Errors.Cast<SqlError>().Any(e => SqlServerUnavailable.Contains(e.Number)),
        SqliteException sqlite => SqliteUnavailable.Contains(sqlite.SqliteErrorCode),
        SocketException => true,
        _ => false,
    };

    // Class 08: connection exception; 57P01-57P03: the server is shutting down, crashed or is still starting;
    // 53300: too many connections.
    private static bool IsPostgresUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
