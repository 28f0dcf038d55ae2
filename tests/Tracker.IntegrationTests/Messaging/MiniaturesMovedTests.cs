using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Tracker.BuildingBlocks.Http.Idempotency;
using Tracker.BuildingBlocks.Modules;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.IntegrationTests.Miniatures;
using Tracker.Modules.Miniatures.Contracts;
using Tracker.Modules.Miniatures.Data;

namespace Tracker.IntegrationTests.Messaging;

/// <summary>
/// A move announces itself to other modules: one <see cref="MiniaturesMoved"/> in Miniatures' outbox, written with
/// the move and delivered to subscribers, and none for a move that does not happen or is only replayed.
/// </summary>
public sealed class MiniaturesMovedTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TrackerApp _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = new TrackerApp(
            _database,
            services: services => new ProbeModule().Register(services, new ModuleContext(new ConfigurationBuilder().Build(), new HostingEnvironment(), _database.Options())));
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_move_publishes_one_event_with_the_move_and_its_mover_that_reaches_subscribers()
    {
        var workerId = await _app.CreateUserAsync("mover", "worker");
        var api = new MiniaturesApi(await _app.SignInAsync("mover", TrackerApp.PasswordOf("mover")));
        var type = await api.CreateAsync("Announced", 10);

        await api.MovedAsync(type.Id, "IN_BOX", "PRIMING", 4);

        var received = Assert.Single(await ReceivedAsync(type.Id, count: 1));
        Assert.Equal(type.Id, received.TypeId);
        Assert.Equal(("IN_BOX", "PRIMING", 4), (received.FromStage, received.ToStage, received.Quantity));
        Assert.Equal(workerId, received.MovedBy);
        var logged = Assert.Single((await api.TypeHistoryAsync(type.Id)).Items, g => g.FromStage == "IN_BOX");
        Assert.Equal(logged.Timestamp, received.OccurredAt);
        Assert.Equal(received, Assert.Single(await PublishedAsync(type.Id)));
    }

    [Fact]
    public async Task A_refused_move_and_a_replayed_move_publish_nothing()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Quiet", 3);
        var stale = (await api.Client.GetAsync($"{MiniaturesApi.Base}/types/{type.Id}")).Headers.ETag!.Tag;
        var key = Guid.NewGuid().ToString();

        await Http.ExpectProblemAsync(await api.MoveAsync(type.Id, "IN_BOX", "BUILDING", 5), HttpStatusCode.BadRequest, "ERR_INSUFFICIENT_QTY");
        await Http.ExpectAsync(await api.Client.SendAsync(MoveWithKey(type.Id, key)), HttpStatusCode.OK);
        var replay = await api.Client.SendAsync(MoveWithKey(type.Id, key));
        await Http.ExpectAsync(replay, HttpStatusCode.OK);
        Assert.True(replay.Headers.Contains(IdempotentEndpoints.ReplayedHeader));
        using var staleMove = new HttpRequestMessage(HttpMethod.Post, $"{MiniaturesApi.Base}/types/{type.Id}/move")
        {
            Content = JsonContent.Create(new { fromStage = "IN_BOX", toStage = "DONE", qty = 1 }),
        };
        staleMove.Headers.TryAddWithoutValidation("If-Match", stale);
        await Http.ExpectAsync(await api.Client.SendAsync(staleMove), HttpStatusCode.PreconditionFailed);
        await api.MovedAsync(type.Id, "BUILDING", "DONE", 1);

        // The last move's event arriving means the dispatcher has passed everything published before it.
        var received = await ReceivedAsync(type.Id, count: 2);
        Assert.Equal([("BUILDING", "DONE", 1), ("IN_BOX", "BUILDING", 1)], received.Select(e => (e.FromStage, e.ToStage, e.Quantity)).Order());
        Assert.Equal(received, await PublishedAsync(type.Id));
        Assert.Equal(new Counts(2, 0, 0, 0, 1), (await api.GetAsync(type.Id)).Counts);
    }

    private static HttpRequestMessage MoveWithKey(Guid typeId, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{MiniaturesApi.Base}/types/{typeId}/move")
        {
            Content = new StringContent("""{"fromStage":"IN_BOX","toStage":"BUILDING","qty":1}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotentEndpoints.KeyHeader, key);
        return request;
    }

    /// <summary>What the subscriber received about one type (by id), once it has <paramref name="count"/> events.</summary>
    private async Task<List<MiniaturesMoved>> ReceivedAsync(Guid typeId, int count)
    {
        List<MiniaturesMoved> received = [];
        await Http.EventuallyAsync(
            async () =>
            {
                var payloads = await _app.InScopeAsync(sp => sp.GetRequiredService<ProbeDbContext>().Received.AsNoTracking()
                    .Where(r => r.Kind == nameof(MiniaturesMoved)).Select(r => r.Payload!).ToListAsync());
                received = [.. payloads.Select(p => JsonSerializer.Deserialize<MiniaturesMoved>(p)!).Where(e => e.TypeId == typeId).OrderBy(e => e.Id)];
                return received.Count >= count;
            },
            $"the subscriber received {count} MiniaturesMoved");
        return received;
    }

    /// <summary>The events of one type in Miniatures' outbox (by id).</summary>
    private async Task<List<MiniaturesMoved>> PublishedAsync(Guid typeId)
    {
        var payloads = await _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == typeof(MiniaturesMoved).FullName).Select(m => m.Payload).ToListAsync());
        return [.. payloads.Select(p => JsonSerializer.Deserialize<MiniaturesMoved>(p, JsonSerializerOptions.Web)!).Where(e => e.TypeId == typeId).OrderBy(e => e.Id)];
    }
}
