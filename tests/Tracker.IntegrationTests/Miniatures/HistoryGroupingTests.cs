using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Miniatures;

/// <summary>A host whose clock only moves when a test moves it.</summary>
public sealed class FakeClockFixture : AppFixture
{
    // Whole milliseconds: the precision history is stored with.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    // The tests move the clock by hours; the admin's token has to outlive that.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Identity:AccessTokenLifetime"] = "7.00:00:00" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class HistoryGroupingTests(FakeClockFixture fixture) : IClassFixture<FakeClockFixture>, IAsyncLifetime
{
    private readonly TrackerApp _app = fixture.App;
    private readonly FakeTimeProvider _clock = fixture.Clock;
    private MiniaturesApi _api = null!;

    public async Task InitializeAsync() => _api = new MiniaturesApi(await _app.AdminAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Gaps_under_300_seconds_merge_and_300_or_more_do_not()
    {
        var type = await _api.CreateAsync("Grouping boundaries", 10);
        _clock.Advance(TimeSpan.FromHours(1)); // well away from the purchase
        var start = _clock.GetUtcNow();

        await _api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 1);
        _clock.Advance(TimeSpan.FromSeconds(299));
        await _api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 2);   // 299 s after: same group
        _clock.Advance(TimeSpan.FromSeconds(300));
        await _api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 3);   // 300 s after: new group
        _clock.Advance(TimeSpan.FromSeconds(301));
        await _api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 4);   // 301 s after: new group

        var groups = (await _api.TypeHistoryAsync(type.Id)).Items;

        Assert.Equal([4, 3, 3, 10], groups.Select(g => g.Qty));
        Assert.Equal([1, 1, 2, 1], groups.Select(g => g.Entries));
        Assert.Equal(start.AddSeconds(900), groups[0].Timestamp);
        Assert.Equal(start.AddSeconds(599), groups[1].Timestamp);
        Assert.Equal(start, groups[2].Timestamp); // a group is stamped with its first entry
        Assert.Null(groups[3].FromStage);
    }

    [Fact]
    public async Task A_different_transition_in_between_splits_a_group()
    {
        var type = await _api.CreateAsync("Interrupted", 10);
        _clock.Advance(TimeSpan.FromHours(1));

        await _api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 2);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await _api.MovedAsync(type.Id, "BUILDING", "PRIMING", 1);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await _api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 2);

        var groups = (await _api.TypeHistoryAsync(type.Id)).Items;

        Assert.Equal(["IN_BOX→BUILDING", "BUILDING→PRIMING", "IN_BOX→BUILDING", "→IN_BOX"], groups.Select(g => $"{g.FromStage}→{g.ToStage}"));
        Assert.All(groups.Take(3), g => Assert.Equal(1, g.Entries));
    }

    [Fact]
    public async Task Groups_never_span_types_in_the_global_history_but_do_per_type()
    {
        var first = await _api.CreateAsync("Across A", 10);
        var second = await _api.CreateAsync("Across B", 10);
        _clock.Advance(TimeSpan.FromHours(1));

        await _api.MovedAsync(first.Id, "IN_BOX", "DONE", 1);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _api.MovedAsync(second.Id, "IN_BOX", "DONE", 1);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _api.MovedAsync(first.Id, "IN_BOX", "DONE", 1);

        var global = (await _api.HistoryAsync(limit: 3)).Items;
        Assert.Equal(["Across A", "Across B", "Across A"], global.Select(g => g.TypeName));
        Assert.All(global, g => Assert.Equal(1, g.Qty));

        var perType = (await _api.TypeHistoryAsync(first.Id)).Items;
        Assert.Equal(2, perType[0].Qty);
        Assert.Equal(2, perType[0].Entries);
    }

    [Fact]
    public async Task Cursor_pages_hold_whole_groups_and_add_up_to_the_full_history()
    {
        var type = await _api.CreateAsync("Paged history", 100);
        _clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 12; i++)
        {
            // Pairs of moves 10 s apart, pairs 10 min apart: 12 moves, 6 groups of 2, plus the purchase.
            await _api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 1);
            _clock.Advance(TimeSpan.FromSeconds(i % 2 == 0 ? 10 : 600));
        }

        var all = (await _api.TypeHistoryAsync(type.Id, limit: 100)).Items;
        var paged = new List<GroupDto>();
        string? cursor = null;
        do
        {
            var page = await _api.TypeHistoryAsync(type.Id, limit: 2, cursor);
            Assert.InRange(page.Items.Count, 1, 2);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(7, all.Count);
        Assert.Equal(all, paged);
        Assert.All(all.Take(6), g => Assert.Equal(2, g.Qty));
    }

    [Fact]
    public async Task A_forged_cursor_is_a_validation_error()
    {
        var response = await _api.Client.GetAsync($"{MiniaturesApi.Base}/history?cursor=not-a-cursor!!");
        await Http.ExpectProblemAsync(response, System.Net.HttpStatusCode.BadRequest, "ERR_VALIDATION");
    }
}
