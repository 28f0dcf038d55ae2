using Npgsql;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.IntegrationTests.Infrastructure;

/// <summary>
/// A database of its own for one test host: a fresh data directory on SQLite, a fresh database on the
/// PostgreSQL cluster named by TRACKER_TEST_POSTGRES. The provider comes from TRACKER_TEST_PROVIDER; asking for
/// PostgreSQL without a cluster fails instead of skipping.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string dataDirectory, string? connectionString, string? databaseName, string? server = null)
    {
        Server = server;
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        DatabaseName = databaseName;
    }

    public DatabaseProvider Provider { get; }

    public string DataDirectory { get; }

    public string? ConnectionString { get; }

    private string? DatabaseName { get; }

    private string? Server { get; }

    public static DatabaseProvider ConfiguredProvider =>
        Enum.Parse<DatabaseProvider>(Environment.GetEnvironmentVariable("TRACKER_TEST_PROVIDER") ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true);

    /// <param name="postgresServer">A cluster of the test's own (see <c>ThrowawayCluster</c>) instead of TRACKER_TEST_POSTGRES.</param>
    public static async Task<TestDatabase> CreateAsync(string? postgresServer = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tracker-test-").FullName;
        var provider = postgresServer is null ? ConfiguredProvider : DatabaseProvider.PostgreSQL;
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, dataDirectory, null, null);
        }

        if (provider != DatabaseProvider.PostgreSQL)
        {
            throw new InvalidOperationException($"Integration tests run on SQLite or PostgreSQL, not {provider}.");
        }

        var server = postgresServer ?? Environment.GetEnvironmentVariable("TRACKER_TEST_POSTGRES")
            ?? throw new InvalidOperationException("TRACKER_TEST_PROVIDER=PostgreSQL needs TRACKER_TEST_POSTGRES (a connection string to a cluster); build/test.sh starts one.");
        var name = $"tracker_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(provider, dataDirectory, connectionString, name, server);
    }

    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("DataDirectory", DataDirectory);
        yield return new("Database:Provider", Provider.ToString());
        yield return new("Database:ConnectionString", ConnectionString ?? string.Empty);
        yield return new("Database:ThreadSafetyChecks", "true");
    }

    public DatabaseOptions Options() => new()
    {
        Provider = Provider,
        ConnectionString = ConnectionString,
        DataDirectory = DataDirectory,
        ThreadSafetyChecks = true,
    };

    public async ValueTask DisposeAsync()
    {
        if (DatabaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing host; the temp folder is cleaned by the OS.
        }
    }
}
