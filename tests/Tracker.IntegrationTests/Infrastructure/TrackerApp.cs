using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Tracker.IntegrationTests.Infrastructure;

/// <summary>The real Tracker host on a test database, reached over HTTP (in-memory transport).</summary>
public sealed class TrackerApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Bootstrap-Admin-Pw1";
    public const string BoomPath = "/__tests/boom";

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Identity:BootstrapAdminPassword"] = AdminPassword,
        ["Outbox:PollInterval"] = "00:00:00.100",
        ["Outbox:RetryBaseDelay"] = "00:00:00.050",
        ["Outbox:MaxRetryDelay"] = "00:00:00.200",
        ["Outbox:MaxAttempts"] = "3",
        ["Http:MaxRequestBodyBytes"] = "65536",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var merged = new Dictionary<string, string?>(Defaults);
        foreach (var (key, value) in Database.Settings().Concat(settings ?? new Dictionary<string, string?>()))
        {
            merged[key] = value;
        }

        foreach (var (key, value) in merged)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(s =>
        {
            // An endpoint that fails unexpectedly, to see what a client gets from an unhandled exception.
            s.AddSingleton<IStartupFilter>(new BoomEndpoint());
            services?.Invoke(s);
        });
    }

    /// <summary>
    /// A client of the in-memory server as the factory builds it (following redirects), whose 201 answers are
    /// checked by <see cref="LocationFollower"/>.
    /// </summary>
    public new HttpClient CreateClient() =>
        CreateDefaultClient(new RedirectHandler(), new LocationFollower(async () => (await LoginAsync("admin", AdminPassword)).AccessToken));

    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var tokens = await LoginAsync(username, password);
        return Authorized(tokens.AccessToken);
    }

    public Task<HttpClient> AdminAsync() => SignInAsync("admin", AdminPassword);

    public async Task<TokenPair> LoginAsync(string username, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username, password });
        await Http.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    /// <summary>
    /// An administrator's client whose 201 answers are not followed at once: for races in which a concurrent delete
    /// may rightly remove what a create has just made (such tests check the Locations themselves).
    /// </summary>
    public async Task<HttpClient> AdminUnfollowedAsync()
    {
        var client = CreateDefaultClient(new RedirectHandler());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await LoginAsync("admin", AdminPassword)).AccessToken);
        return client;
    }

    public HttpClient Authorized(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Creates a user through the admin API and returns its id; the password is <c>{username}-Pw1!</c>.</summary>
    public async Task<Guid> CreateUserAsync(string username, string role)
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username, displayName = username, password = PasswordOf(username), role });
        await Http.ExpectAsync(response, System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<UserDto>())!.Id;
    }

    public static string PasswordOf(string username) => $"{username}-Pw1!";

    /// <summary>The host's JSON log files, read once they contain <paramref name="expected"/> (the sink writes asynchronously to us).</summary>
    public async Task<string> LogTextContainingAsync(string expected)
    {
        var logs = Path.Combine(Database.DataDirectory, "logs");
        var text = string.Empty;
        await Http.EventuallyAsync(
            () =>
            {
                text = Directory.Exists(logs) ? string.Concat(Directory.EnumerateFiles(logs, "tracker-*.json").Select(ReadShared)) : string.Empty;
                return Task.FromResult(text.Contains(expected, StringComparison.Ordinal));
            },
            $"the log contains {expected}");
        return text;

        static string ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private sealed class BoomEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(BoomPath, branch => branch.Run(_ => throw new InvalidOperationException("connection string Password=hunter2 leaked")));
        };
    }
}

public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, UserDto User);

public sealed record UserDto(Guid Id, string Username, string DisplayName, string Role, bool IsActive);
