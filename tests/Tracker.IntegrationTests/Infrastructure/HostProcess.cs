using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tracker.IntegrationTests.Infrastructure;

/// <summary>
/// The host as a separate process (<c>dotnet Tracker.Host.dll</c>, built next to the tests) on a test database:
/// for what only a real process shows, such as exit codes, console output, host verbs, file modes and sockets.
/// It runs in a temporary working directory, so neither a developer's <c>.env</c> nor appsettings reach it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int Id => _process.Id;

    /// <summary>Settings for a host on <paramref name="database"/> with its data in <paramref name="dataDirectory"/>, listening on <paramref name="port"/>.</summary>
    public static Dictionary<string, string> Settings(TestDatabase database, string dataDirectory, int port) => new()
    {
        ["DataDirectory"] = dataDirectory,
        ["Database__Provider"] = database.Provider.ToString(),
        ["Database__ConnectionString"] = database.ConnectionString ?? string.Empty,
        ["Database__ThreadSafetyChecks"] = "true",
        ["Identity__BootstrapAdminPassword"] = TrackerApp.AdminPassword,
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };

    public static HostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartIn(Directory.CreateTempSubdirectory("tracker-host-cwd-").FullName, environment, arguments);

    public static HostProcess StartIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tracker.Host.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Runs a host verb to its end.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunInAsync(Directory.CreateTempSubdirectory("tracker-host-cwd-").FullName, environment, arguments);

    /// <summary>Runs a host verb to its end in <paramref name="workingDirectory"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        await using var host = StartIn(workingDirectory, environment, arguments);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return (exitCode, host.Output);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The host did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public async Task WaitUntilReadyAsync(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"The host exited with {(_process.HasExited ? _process.ExitCode : 0)} during start-up. Output:\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The host was not ready within 180 s. Output:\n{Output}");
    }

    /// <summary>A port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
