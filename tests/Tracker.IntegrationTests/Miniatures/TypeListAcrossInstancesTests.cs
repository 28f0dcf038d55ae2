using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.BuildingBlocks.Persistence;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Miniatures;

/// <summary>
/// Two hosts on one database, each with its own cached type list: a move through one shows in the other's list.
/// On PostgreSQL the cache is kept for ten minutes, so only the change announcement (LISTEN/NOTIFY) can make it
/// show; elsewhere there is no such channel and the list's maximum age bounds the delay.
/// </summary>
public sealed class TypeListAcrossInstancesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_move_through_one_host_shows_in_the_cached_list_of_another()
    {
        var maxAge = _database.Provider == DatabaseProvider.PostgreSQL ? "00:10:00" : "00:00:00.500";
        var settings = new Dictionary<string, string?> { ["Miniatures:ListCacheMaxAge"] = maxAge };
        await using var first = new TrackerApp(_database, settings);
        using var firstAdmin = await first.AdminAsync();
        await using var second = new TrackerApp(_database, settings);
        using var secondAdmin = await second.AdminAsync();

        var created = await Http.ReadAsync<JsonElement>(await firstAdmin.PostAsJsonAsync("/api/v1/miniatures/types", new { name = "Shared", initialQuantity = 10 }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await Http.EventuallyAsync(async () => await InBoxAsync(secondAdmin, id) == 10, "the second host lists the new type");

        HttpClient[] hosts = [firstAdmin, secondAdmin];
        for (var moved = 1; moved <= 4; moved++)
        {
            // Alternate: each host's cache is warm before the other one writes.
            var reader = hosts[moved % 2];
            var writer = hosts[(moved + 1) % 2];
            Assert.Equal(11 - moved, await InBoxAsync(reader, id));
            await Http.ExpectAsync(await writer.PostAsJsonAsync($"/api/v1/miniatures/types/{id}/move", new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 1 }), HttpStatusCode.OK);
            var expected = 10 - moved;
            await Http.EventuallyAsync(async () => await InBoxAsync(reader, id) == expected, "the list of one host shows the move made through the other");
            Assert.Equal(expected, await InBoxAsync(writer, id));
        }
    }

    [Fact]
    public async Task The_full_list_is_byte_for_byte_what_the_serializer_writes_for_a_search()
    {
        await using var app = new TrackerApp(_database);
        using var admin = await app.AdminAsync();
        foreach (var name in new[] { "Xeno Alpha", "кекс x", "Ωmega X \"quoted\"", "x<script>" })
        {
            await Http.ExpectAsync(await admin.PostAsJsonAsync("/api/v1/miniatures/types", new { name, initialQuantity = 3 }), HttpStatusCode.Created);
        }

        var all = await Http.ReadAsync<JsonElement>(await admin.GetAsync("/api/v1/miniatures/types"));
        var id = all.GetProperty("items")[0].GetProperty("id").GetString();
        await Http.ExpectAsync(await admin.PostAsJsonAsync($"/api/v1/miniatures/types/{id}/move", new { fromStage = "IN_BOX", toStage = "PRIMING", qty = 2 }), HttpStatusCode.OK);

        // Every name contains "x": the search (EF Core + JsonSerializer) and the full list (data reader + writer) agree.
        var full = await admin.GetByteArrayAsync("/api/v1/miniatures/types");
        var searched = await admin.GetByteArrayAsync("/api/v1/miniatures/types?search=x");
        Assert.Equal(System.Text.Encoding.UTF8.GetString(searched), System.Text.Encoding.UTF8.GetString(full));
        Assert.Equal(4, JsonDocument.Parse(full).RootElement.GetProperty("items").GetArrayLength());
    }

    private static async Task<int> InBoxAsync(HttpClient client, string id)
    {
        var list = await Http.ReadAsync<JsonElement>(await client.GetAsync("/api/v1/miniatures/types"));
        return list.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("id").GetString() == id)
            .Select(t => t.GetProperty("counts").GetProperty("IN_BOX").GetInt32())
            .SingleOrDefault(-1);
    }
}
