using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.IntegrationTests.Platform;

/// <summary>
/// The host starts its services concurrently, so the server may answer before the databases are ready: requests
/// then wait for start-up instead of meeting a database without its tables; health probes do not wait.
/// </summary>
public sealed class DatabaseStartupGateTests : IAsyncLifetime
{
    private readonly DatabaseStartupProgress _progress = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(_progress);
        _app = builder.Build();
        _app.UseDatabaseStartupGate("/health", "/health/ready");
        _app.MapGet("/api/thing", () => "thing");
        _app.MapGet("/health/live", () => "live");
        _app.MapGet("/health/ready", () => "ready");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_request_during_start_up_waits_for_it_and_then_succeeds()
    {
        var pending = _client.GetAsync("/api/thing");
        await Task.Delay(200);
        Assert.False(pending.IsCompleted, "the request must wait while the databases are being brought up");

        _progress.Complete();

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("thing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_probes_answer_while_start_up_runs_and_readiness_says_unready_until_it_is_done()
    {
        using var live = await _client.GetAsync("/health/live").WaitAsync(TimeSpan.FromSeconds(10));
        using var starting = await _client.GetAsync("/health/ready").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
        Assert.Contains("Starting", await starting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), starting.Headers.RetryAfter?.Delta);

        _progress.Complete();

        using var ready = await _client.GetAsync("/health/ready").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task A_failed_start_up_fails_the_waiting_requests_instead_of_hanging_them()
    {
        var pending = _client.GetAsync("/api/thing");

        _progress.Fail(new InvalidOperationException("migration failed"));

        await Assert.ThrowsAnyAsync<Exception>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
