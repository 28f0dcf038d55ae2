using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Platform;

/// <summary>One host process serving on a data directory it created itself (the tests start more beside it).</summary>
public sealed class RunningHostFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private HostProcess? _host;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public HostProcess Host => _host ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>Below the test's temporary folder and absent until the host starts: the host creates it.</summary>
    public string DataDirectory => Path.Combine(Database.DataDirectory, "created", "by-host");

    public int Port { get; private set; }

    public Dictionary<string, string> Settings => HostProcess.Settings(Database, DataDirectory, Port);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Port = HostProcess.FreePort();
        _host = HostProcess.Start(Settings);
        await _host.WaitUntilReadyAsync(Port);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed partial class HostProcessTests(RunningHostFixture fixture) : IClassFixture<RunningHostFixture>
{
    [Fact]
    public async Task A_second_host_on_a_data_directory_in_use_says_so_in_one_line_and_exits_non_zero()
    {
        var settings = fixture.Settings;
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{HostProcess.FreePort()}";

        var (exitCode, output) = await HostProcess.RunAsync(settings);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.Contains($"the data directory {fixture.DataDirectory} is in use by another Tracker process", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_host_on_a_port_in_use_says_so_in_one_line_and_exits_non_zero()
    {
        var settings = fixture.Settings;
        settings["DataDirectory"] = Path.Combine(fixture.Database.DataDirectory, "second");

        var (exitCode, output) = await HostProcess.RunAsync(settings);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.Contains($"http://127.0.0.1:{fixture.Port} is already in use", line, StringComparison.Ordinal);
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_is_owner_only_and_its_database_key_and_log_files_are_600()
    {
        // The host has logged at least the creation of the first administrator (a warning) by now.
        await Http.EventuallyAsync(() => Task.FromResult(Directory.Exists(Path.Combine(fixture.DataDirectory, "logs")) && Directory.EnumerateFiles(Path.Combine(fixture.DataDirectory, "logs")).Any()), "a log file exists");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fixture.DataDirectory));
        var files = Directory.EnumerateFiles(fixture.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith(Path.Combine("keys", "jwt-signing.key"), StringComparison.Ordinal));
        Assert.Contains(files, f => Path.GetFileName(Path.GetDirectoryName(f)) == "logs");
        if (fixture.Database.Provider == Tracker.BuildingBlocks.Persistence.DatabaseProvider.Sqlite)
        {
            Assert.Contains(files, f => f.EndsWith("identity.db", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith("identity.db-wal", StringComparison.Ordinal));
        }

        Assert.All(files, file => Assert.True(
            File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite),
            $"{file} has mode {File.GetUnixFileMode(file)}"));
        Assert.All(Directory.EnumerateDirectories(fixture.DataDirectory, "*", SearchOption.AllDirectories), folder => Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder)));
    }

    [Fact]
    public async Task Reset_admin_password_prints_a_new_password_once_which_replaces_the_old_one()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.Port}") };

        var (exitCode, output) = await HostProcess.RunAsync(fixture.Settings, "reset-admin-password");

        Assert.Equal(0, exitCode);
        var password = NewPassword().Match(output).Groups["password"].Value;
        Assert.Matches("^[A-Za-z0-9_-]{24}$", password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/identity/login", new { username = "admin", password = TrackerApp.AdminPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/identity/login", new { username = "admin", password })).StatusCode);
        var logs = string.Concat(Directory.EnumerateFiles(Path.Combine(fixture.DataDirectory, "logs")).Select(ReadShared));
        Assert.DoesNotContain(password, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_admin_password_of_an_unknown_user_changes_nothing_and_exits_non_zero()
    {
        var (exitCode, output) = await HostProcess.RunAsync(fixture.Settings, "reset-admin-password", "nobody-here");

        Assert.Equal(1, exitCode);
        Assert.Contains("No account is named 'nobody-here'", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(NewPassword(), output);
    }

    [Fact]
    public async Task An_unknown_verb_lists_the_verbs_and_exits_non_zero()
    {
        var (exitCode, output) = await HostProcess.RunAsync(fixture.Settings, "frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command 'frobnicate'", output, StringComparison.Ordinal);
        Assert.Contains("reset-admin-password [username]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dotenv_at_the_repository_root_is_read_when_the_host_runs_in_a_project_folder_below_it()
    {
        // As `dotnet run --project src/Host -- migrate` from a checkout: the working directory is src/Host.
        var repository = Path.Combine(fixture.Database.DataDirectory, "checkout");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var project = Directory.CreateDirectory(Path.Combine(repository, "src", "Host")).FullName;
        var dataDirectory = Path.Combine(repository, "data-named-in-dotenv");
        await File.WriteAllTextAsync(Path.Combine(repository, ".env"), $"# the checkout's settings\nexport DataDirectory=\"{dataDirectory}\"\n");
        var settings = fixture.Settings;
        settings.Remove("DataDirectory");

        var (exitCode, output) = await HostProcess.RunInAsync(project, settings, "migrate");

        Assert.True(exitCode == 0, output);
        Assert.True(Directory.Exists(dataDirectory), $"{dataDirectory} was not created: the .env was not read");
        if (fixture.Database.Provider == Tracker.BuildingBlocks.Persistence.DatabaseProvider.Sqlite)
        {
            Assert.True(File.Exists(Path.Combine(dataDirectory, "identity.db")));
        }
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("The new password of 'admin' is: (?<password>\\S+)")]
    private static partial Regex NewPassword();
}

/// <summary>A test of Unix behaviour (file modes), skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only.";
        }
    }
}
