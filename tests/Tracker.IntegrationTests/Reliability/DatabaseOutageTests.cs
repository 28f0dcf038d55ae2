using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Reliability;

/// <summary>
/// The database goes away and comes back while the host runs: requests answer 503 ERR_DATABASE_UNAVAILABLE with
/// Retry-After (never 500), readiness says unready, and once the server is back the same host serves again.
/// On a cluster of the test's own, stopped and started through build/postgres.sh.
/// </summary>
public sealed class DatabaseOutageTests
{
    [OwnPostgreSqlClusterFact]
    public async Task An_outage_answers_503_with_Retry_After_and_the_host_recovers_without_a_restart()
    {
        await using var cluster = await ThrowawayCluster.StartAsync();
        await using var database = await TestDatabase.CreateAsync(cluster.ConnectionString);
        await using var app = new TrackerApp(database, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" });
        using var admin = await app.AdminAsync();
        var created = await Http.ReadAsync<JsonElement>(await admin.PostAsJsonAsync("/api/v1/miniatures/types", new { name = "Outage", initialQuantity = 5 }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        await Http.ExpectAsync(await app.CreateClient().GetAsync("/health/ready"), HttpStatusCode.OK);

        await cluster.HaltAsync();

        var read = await admin.GetAsync($"/api/v1/miniatures/types/{id}");
        var problem = await Http.ExpectProblemAsync(read, HttpStatusCode.ServiceUnavailable, "ERR_DATABASE_UNAVAILABLE");
        Assert.Equal(5, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal("5", read.Headers.RetryAfter?.ToString());

        using var move = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/miniatures/types/{id}/move")
        {
            Content = JsonContent.Create(new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 1 }),
        };
        move.Headers.AcceptLanguage.ParseAdd("ru");
        var moved = await admin.SendAsync(move);
        var russian = await Http.ExpectProblemAsync(moved, HttpStatusCode.ServiceUnavailable, "ERR_DATABASE_UNAVAILABLE");
        Assert.Equal("База данных недоступна", russian.GetProperty("title").GetString());
        Assert.NotNull(moved.Headers.RetryAfter);

        var list = await admin.GetAsync("/api/v1/miniatures/types?search=out");
        await Http.ExpectProblemAsync(list, HttpStatusCode.ServiceUnavailable, "ERR_DATABASE_UNAVAILABLE");

        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await cluster.ResumeAsync();

        // The same host, no restart: broken pooled connections are replaced as they are found.
        await Http.EventuallyAsync(async () => (await app.CreateClient().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "readiness is back");
        await Http.EventuallyAsync(async () => (await admin.GetAsync($"/api/v1/miniatures/types/{id}")).StatusCode == HttpStatusCode.OK, "reads work again");
        var after = await admin.PostAsJsonAsync($"/api/v1/miniatures/types/{id}/move", new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 2 });
        var counts = (await Http.ReadAsync<JsonElement>(after)).GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("IN_BOX").GetInt32());
        Assert.Equal(2, counts.GetProperty("BUILDING").GetInt32());

        // An outage is the operator's problem, not a bug: warnings, never an unhandled-exception error.
        var log = await app.LogTextContainingAsync("Database unavailable while processing");
        Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);
    }
}
