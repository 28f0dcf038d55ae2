using System.Diagnostics;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own, started through <c>build/postgres.sh</c>, which the test may stop and
/// start again (an outage) without disturbing the shared cluster the other tests use.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private ThrowawayCluster(Dictionary<string, string> environment) => _environment = environment;

    public string ConnectionString => _environment["POSTGRES_URL"];

    public static string Script => Path.Combine(RepositoryRoot, "build", "postgres.sh");

    /// <summary>Why the outage tests cannot run here, or null when they can.</summary>
    public static string? MissingPrerequisite =>
        TestDatabase.ConfiguredProvider != DatabaseProvider.PostgreSQL
            ? "runs in the PostgreSQL pass only (TRACKER_TEST_PROVIDER=PostgreSQL)"
            : !File.Exists(Script)
                ? $"build/postgres.sh not found above {AppContext.BaseDirectory}"
                : !Directory.Exists("/usr/lib/postgresql") || !Directory.EnumerateFiles("/usr/lib/postgresql", "initdb", SearchOption.AllDirectories).Any()
                    ? "PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin/initdb)"
                    : null;

    private static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "build", "postgres.sh")))
                {
                    return directory.FullName;
                }
            }

            return AppContext.BaseDirectory;
        }
    }

    public static async Task<ThrowawayCluster> StartAsync()
    {
        var output = await RunAsync("postgres_start && env | grep '^POSTGRES_'", new Dictionary<string, string>());
        var environment = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        return new ThrowawayCluster(environment);
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected); data and port stay.</summary>
    public Task HaltAsync() => RunAsync("postgres_halt", _environment);

    public Task ResumeAsync() => RunAsync("postgres_resume", _environment);

    public async ValueTask DisposeAsync() => await RunAsync("postgres_stop", _environment);

    private static async Task<string> RunAsync(string commands, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"set -e; source \"{Script}\"; {commands}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("POSTGRES_", StringComparison.Ordinal)).ToList())
        {
            // The shared cluster's settings (build/test.sh exports them) would make this one reuse its port.
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build/postgres.sh ({commands}) failed with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}

/// <summary>A test that runs only in the PostgreSQL pass with server binaries at hand; otherwise skipped, with the reason.</summary>
public sealed class OwnPostgreSqlClusterFactAttribute : FactAttribute
{
    public OwnPostgreSqlClusterFactAttribute()
    {
        if (ThrowawayCluster.MissingPrerequisite is { } reason)
        {
            Skip = reason;
        }
    }
}
