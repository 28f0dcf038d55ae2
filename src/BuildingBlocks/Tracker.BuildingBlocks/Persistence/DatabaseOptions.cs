namespace Tracker.BuildingBlocks.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
    SqlServer,
}

/// <summary>The <c>Database</c> configuration section, plus the resolved data directory.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string for PostgreSQL and SQL Server; SQLite uses one file per module instead.</summary>
    public string? ConnectionString { get; set; }

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// EF Core's check that no two operations use one context at once. Off by default: it writes an async-local
    /// value twice for every row a query reads (a quarter of an export's allocations), and a context here belongs
    /// to one request or one handler. The tests turn it on, so that a context shared by concurrent tasks fails there.
    /// </summary>
    public bool ThreadSafetyChecks { get; set; }

    /// <summary>Absolute path of the folder that holds SQLite files, logs and generated keys.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    public string ConnectionStringFor(string module) => Provider switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(DataDirectory, module + ".db")};Pooling=True",
        _ => !string.IsNullOrWhiteSpace(ConnectionString)
            ? ConnectionString
            : throw new InvalidOperationException($"Database:ConnectionString is required for the {Provider} provider."),
    };
}
