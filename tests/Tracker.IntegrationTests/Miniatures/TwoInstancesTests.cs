using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Miniatures;

/// <summary>
/// Two hosts on one database, as when the service is scaled out: neither keeps a copy of the data, so what one
/// writes, the other reads at once.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_change_through_one_host_shows_at_once_in_the_list_of_the_other()
    {
        await using var first = new TrackerApp(_database);
        using var firstAdmin = await first.AdminAsync();
        await using var second = new TrackerApp(_database);
        using var secondAdmin = await second.AdminAsync();

        var created = await Http.ReadAsync<JsonElement>(await firstAdmin.PostAsJsonAsync("/api/v1/miniatures/types", new { name = "Shared", initialQuantity = 10 }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(10, await InBoxAsync(secondAdmin, id));

        HttpClient[] hosts = [firstAdmin, secondAdmin];
        for (var moved = 1; moved <= 4; moved++)
        {
            // Alternate: each host has just listed the type before the other one moves it.
            var reader = hosts[moved % 2];
            var writer = hosts[(moved + 1) % 2];
            Assert.Equal(11 - moved, await InBoxAsync(reader, id));
            await Http.ExpectAsync(await writer.PostAsJsonAsync($"/api/v1/miniatures/types/{id}/move", new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 1 }), HttpStatusCode.OK);
            Assert.Equal(10 - moved, await InBoxAsync(reader, id));
        }
    }

    private static async Task<int> InBoxAsync(HttpClient client, string id)
    {
        var list = await Http.ReadAsync<JsonElement>(await client.GetAsync("/api/v1/miniatures/types?search=shared"));
        return list.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("id").GetString() == id)
            .Select(t => t.GetProperty("counts").GetProperty("IN_BOX").GetInt32())
            .SingleOrDefault(-1);
    }
}
