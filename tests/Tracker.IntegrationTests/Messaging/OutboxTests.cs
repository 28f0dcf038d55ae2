using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Modules;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.IntegrationTests.Projects;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Projects.Data;

namespace Tracker.IntegrationTests.Messaging;

/// <summary>Integration events leave Identity through its outbox and reach a subscriber module exactly once.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Events_stored_while_no_dispatcher_runs_are_delivered_after_a_restart()
    {
        Guid userId;
        TokenPair session;
        await using (var first = Start(dispatch: false))
        {
            userId = await first.CreateUserAsync("restart-user", "worker");
            session = await first.LoginAsync("restart-user", TrackerApp.PasswordOf("restart-user"));
            var pending = await OutboxRowAsync(first, userId);
            Assert.Null(pending.ProcessedAt);
            Assert.Equal(0, await ReceivedCountAsync(first, userId));
        }

        await using var second = Start(dispatch: true);
        await Http.EventuallyAsync(async () => await ReceivedCountAsync(second, userId) == 1, "the subscriber received UserRegistered");
        await Http.EventuallyAsync(async () => (await OutboxRowAsync(second, userId)).ProcessedAt is not null, "the outbox row is marked processed");

        // The signing key outlived the first host too: its tokens still work.
        using var client = second.Authorized(session.AccessToken);
        await Http.ExpectAsync(await client.GetAsync("/api/v1/identity/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_redelivered_event_is_handled_only_once()
    {
        await using var app = Start(dispatch: true);
        var userId = await app.CreateUserAsync("redelivered", "worker");
        await Http.EventuallyAsync(async () => (await OutboxRowAsync(app, userId)).ProcessedAt is not null, "the first delivery completed");

        // As if the dispatcher crashed after the subscriber committed but before the outbox row was marked.
        await app.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().OutboxMessages
            .Where(m => m.Payload.Contains(userId.ToString()))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, (DateTime?)null).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));

        await Http.EventuallyAsync(async () => (await OutboxRowAsync(app, userId)) is { ProcessedAt: not null, Attempts: 2 }, "the event was delivered again");
        Assert.Equal(1, await ReceivedCountAsync(app, userId));
    }

    [Fact]
    public async Task A_failing_handler_is_retried_then_parked_without_blocking_later_events()
    {
        var parked = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutboxDispatcher.TelemetryName && instrument.Name == "tracker.outbox.parked")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref parked, value));
        listener.Start();

        await using var app = Start(dispatch: true);
        var failing = await app.CreateUserAsync("fail-always", "worker");
        var flaky = await app.CreateUserAsync("flaky-twice", "worker");
        var later = await app.CreateUserAsync("behind-the-failure", "worker");

        await Http.EventuallyAsync(async () => await ReceivedCountAsync(app, later) == 1, "the event behind the failing one was delivered");
        await Http.EventuallyAsync(async () => (await OutboxRowAsync(app, failing)).ParkedAt is not null, "the failing event is parked");
        await Http.EventuallyAsync(async () => await ReceivedCountAsync(app, flaky) == 1, "the flaky event succeeded on a retry");
        // The consumer's inbox commits before the dispatcher marks the outbox row processed: wait for both.
        await Http.EventuallyAsync(async () => (await OutboxRowAsync(app, flaky)).ProcessedAt is not null, "the flaky event is marked processed");

        var parkedRow = await OutboxRowAsync(app, failing);
        Assert.Equal(3, parkedRow.Attempts);
        Assert.Null(parkedRow.ProcessedAt);
        Assert.Contains("Probe refuses fail-always", parkedRow.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await ReceivedCountAsync(app, failing));
        Assert.Equal(3, (await OutboxRowAsync(app, flaky)).Attempts);
        listener.RecordObservableInstruments();
        Assert.True(Interlocked.Read(ref parked) >= 1, "the parked counter was incremented");

        // Readiness stays up but says that something needs attention.
        var ready = await Http.ReadAsync<System.Text.Json.JsonElement>(await app.CreateClient().GetAsync("/health/ready"));
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        Assert.Equal(1, ready.GetProperty("checks").GetProperty("outbox").GetProperty("data").GetProperty("identity").GetProperty("parked").GetInt32());
    }

    [Fact]
    public async Task Two_hosts_sharing_one_database_deliver_each_event_once()
    {
        await using var first = Start(dispatch: true);
        await using var second = Start(dispatch: true);
        _ = second.Server;

        var users = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            users.Add(await (i % 2 == 0 ? first : second).CreateUserAsync($"shared-{i}", "worker"));
        }

        foreach (var user in users)
        {
            await Http.EventuallyAsync(async () => (await OutboxRowAsync(first, user)).ProcessedAt is not null, "every event is delivered");
            // One claim, one delivery: the hosts never handed the same row to a subscriber twice.
            Assert.Equal(1, (await OutboxRowAsync(first, user)).Attempts);
            Assert.Equal(1, await ReceivedCountAsync(second, user));
        }
    }

    [Fact]
    public async Task A_role_change_reaches_subscribers()
    {
        await using var app = Start(dispatch: true);
        var userId = await app.CreateUserAsync("role-changer", "worker");
        using var admin = await app.AdminAsync();

        await Http.ExpectAsync(await admin.PutAsync($"/api/v1/identity/users/{userId}/role", System.Net.Http.Json.JsonContent.Create(new { role = "planner" })), HttpStatusCode.OK);

        await Http.EventuallyAsync(
            () => app.InScopeAsync(sp => sp.GetRequiredService<ProbeDbContext>().Received.AnyAsync(r => r.UserId == userId && r.Kind == "UserRoleChanged:planner")),
            "the subscriber received UserRoleChanged");
    }

    [Fact]
    public async Task A_backlog_of_several_batches_is_delivered_and_marked_once_each()
    {
        // Events nobody subscribes to are delivered by being marked; 130 is two full batches of 50 and a partial one.
        const string type = "Tracker.Probe.Unsubscribed";
        var occurred = DateTime.UtcNow.AddMinutes(-1);
        await using var app = Start(dispatch: false);
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IdentityDbContext>();
            db.OutboxMessages.AddRange(Enumerable.Range(0, 130).Select(i => new OutboxMessage
            {
                Id = Guid.NewGuid(),
                Type = type,
                Payload = "{}",
                OccurredAt = occurred.AddMilliseconds(i),
                NextAttemptAt = occurred,
            }));
            return await db.SaveChangesAsync();
        });

        await using var dispatching = Start(dispatch: true);
        await Http.EventuallyAsync(
            async () => await dispatching.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().OutboxMessages.CountAsync(m => m.Type == type && m.ProcessedAt == null)) == 0,
            "every message of the backlog is marked processed");
        var attempts = await dispatching.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().OutboxMessages.Where(m => m.Type == type).Select(m => m.Attempts).ToListAsync());
        Assert.Equal(130, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(1, a));
    }

    [Fact]
    public async Task A_write_wakes_the_dispatcher_for_its_outbox_long_before_the_next_poll()
    {
        // The start-up pass claims from every outbox; after it, with a poll of ten minutes, only the wake-up of a write
        // delivers within the wait: a SaveChanges in Identity, and a step's status change in Projects (on PostgreSQL
        // one statement of its own that writes the outbox row).
        await using var app = Start(dispatch: true, pollInterval: TimeSpan.FromMinutes(10));
        var userId = await app.CreateUserAsync("woken", "worker");
        await Http.EventuallyAsync(async () => (await OutboxRowAsync(app, userId)).ProcessedAt is not null, "UserRegistered was delivered");

        var api = new ProjectsApi(await app.AdminAsync());
        var category = await api.CreateCategoryAsync($"Woken {Guid.NewGuid():N}");
        var project = await api.CreateProjectAsync(category.Id(), $"W-{Guid.NewGuid():N}"[..20]);
        var step = await api.AddStepAsync(project.Id(), "Wake the dispatcher");
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{step.Id()}/status", new { status = "done" }), HttpStatusCode.OK);
        await Http.EventuallyAsync(
            () => app.InScopeAsync(sp => sp.GetRequiredService<ProjectsDbContext>().OutboxMessages
                .AnyAsync(m => m.Type.EndsWith(".StepStatusChanged") && m.Payload.Contains(step.Id().ToString()) && m.ProcessedAt != null)),
            "StepStatusChanged was delivered");
    }

    private TrackerApp Start(bool dispatch, TimeSpan? pollInterval = null) => new(
        _database,
        new Dictionary<string, string?>
        {
            ["Outbox:Enabled"] = dispatch.ToString(),
            ["Outbox:PollInterval"] = (pollInterval ?? TimeSpan.FromMilliseconds(100)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        },
        services => new ProbeModule().Register(services, new ModuleContext(new ConfigurationBuilder().Build(), new HostingEnvironment(), _database.Options())));

    private static Task<OutboxMessage> OutboxRowAsync(TrackerApp app, Guid userId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Type.EndsWith(".UserRegistered") && m.Payload.Contains(userId.ToString())));

    private static Task<int> ReceivedCountAsync(TrackerApp app, Guid userId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<ProbeDbContext>().Received.CountAsync(r => r.UserId == userId && r.Kind == "UserRegistered"));
}
