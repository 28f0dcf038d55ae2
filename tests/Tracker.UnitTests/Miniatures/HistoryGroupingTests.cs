using Tracker.Modules.Miniatures.Domain;

namespace Tracker.UnitTests.Miniatures;

public sealed class HistoryGroupingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Goblins = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid Knights = Guid.Parse("0190a000-0000-7000-8000-000000000002");

    private long _nextId;

    /// <summary>An entry <paramref name="seconds"/> after T0; tests list them newest first, as the reader does.</summary>
    private HistoryRow Row(double seconds, int qty = 1, Guid? type = null, Stage? from = Stage.InBox, Stage to = Stage.Building) =>
        new(++_nextId, type ?? Goblins, type == Knights ? "Knights" : "Goblins", from, to, qty, T0.AddSeconds(seconds));

    [Fact]
    public void No_rows_give_no_groups()
    {
        var (groups, used) = HistoryGrouping.GroupNewestFirst([], maxGroups: 10, exhausted: true);

        Assert.Empty(groups);
        Assert.Equal(0, used);
    }

    [Fact]
    public void Entries_just_under_300_seconds_apart_form_one_group()
    {
        var rows = new[] { Row(299.999, qty: 3), Row(0, qty: 2) };

        var (groups, used) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        var group = Assert.Single(groups);
        Assert.Equal(5, group.Qty);
        Assert.Equal(2, group.Entries);
        Assert.Equal(2, used);
    }

    [Fact]
    public void Entries_exactly_300_seconds_apart_are_separate_groups()
    {
        var rows = new[] { Row(300, qty: 3), Row(0, qty: 2) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal([3L, 2L], groups.Select(g => g.Qty));
        Assert.All(groups, g => Assert.Equal(1, g.Entries));
    }

    [Fact]
    public void Entries_at_the_same_instant_group()
    {
        var rows = new[] { Row(0), Row(0) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal(2, Assert.Single(groups).Entries);
    }

    [Fact]
    public void The_gap_is_measured_to_the_previous_entry_not_to_the_start_of_the_group()
    {
        // 0, 200, 400, 600: each gap is 200 s, the whole run spans 600 s.
        var rows = new[] { Row(600), Row(400), Row(200), Row(0) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal(4, Assert.Single(groups).Entries);
    }

    [Fact]
    public void A_group_is_stamped_with_its_first_entry_and_sums_every_quantity()
    {
        var rows = new[] { Row(20, qty: 7), Row(10, qty: 5), Row(0, qty: 1) };

        var group = Assert.Single(HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true).Groups);

        Assert.Equal(T0, group.Timestamp);
        Assert.Equal(13, group.Qty);
        Assert.Equal(Goblins, group.TypeId);
        Assert.Equal("Goblins", group.TypeName);
        Assert.Equal(Stage.InBox, group.FromStage);
        Assert.Equal(Stage.Building, group.ToStage);
    }

    [Fact]
    public void The_summed_quantity_does_not_overflow_an_int()
    {
        var rows = new[] { Row(2, qty: int.MaxValue), Row(1, qty: int.MaxValue), Row(0, qty: int.MaxValue) };

        var group = Assert.Single(HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true).Groups);

        Assert.Equal(3L * int.MaxValue, group.Qty);
    }

    [Fact]
    public void Another_type_splits_the_group()
    {
        var rows = new[] { Row(2), Row(1, type: Knights), Row(0) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal([Goblins, Knights, Goblins], groups.Select(g => g.TypeId));
    }

    [Fact]
    public void Another_target_stage_splits_the_group()
    {
        var rows = new[] { Row(1, to: Stage.Priming), Row(0, to: Stage.Building) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal([Stage.Priming, Stage.Building], groups.Select(g => g.ToStage));
    }

    [Fact]
    public void Another_source_stage_splits_the_group()
    {
        var rows = new[] { Row(1, from: Stage.Building, to: Stage.Done), Row(0, from: Stage.InBox, to: Stage.Done) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal(2, groups.Count);
    }

    [Fact]
    public void A_purchase_and_a_move_into_the_same_stage_do_not_group()
    {
        var rows = new[] { Row(1, from: null, to: Stage.Building), Row(0, from: Stage.InBox, to: Stage.Building) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal([null, Stage.InBox], groups.Select(g => g.FromStage));
    }

    [Fact]
    public void Purchases_group_with_purchases()
    {
        var rows = new[] { Row(60, qty: 4, from: null, to: Stage.InBox), Row(0, qty: 6, from: null, to: Stage.InBox) };

        var group = Assert.Single(HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true).Groups);

        Assert.Null(group.FromStage);
        Assert.Equal(10, group.Qty);
    }

    [Fact]
    public void Groups_come_out_newest_first()
    {
        var rows = new[] { Row(2000, qty: 3), Row(1000, qty: 2), Row(0, qty: 1) };

        var (groups, _) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal([T0.AddSeconds(2000), T0.AddSeconds(1000), T0], groups.Select(g => g.Timestamp));
    }

    [Fact]
    public void The_limit_caps_the_groups_and_reports_only_the_rows_they_used()
    {
        // Three groups: [2000, 1990], [1000], [0].
        var rows = new[] { Row(2000), Row(1990), Row(1000), Row(0) };

        var (groups, used) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 2, exhausted: true);

        Assert.Equal(2, groups.Count);
        Assert.Equal(3, used);
    }

    [Fact]
    public void When_more_rows_may_follow_the_oldest_group_is_held_back()
    {
        // [2000], [1000, 990]: the second may continue into rows not read yet.
        var rows = new[] { Row(2000), Row(1000), Row(990) };

        var (groups, used) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: false);

        Assert.Equal(T0.AddSeconds(2000), Assert.Single(groups).Timestamp);
        Assert.Equal(1, used);
    }

    [Fact]
    public void When_the_rows_are_exhausted_the_oldest_group_is_complete()
    {
        var rows = new[] { Row(2000), Row(1000), Row(990) };

        var (groups, used) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: true);

        Assert.Equal(2, groups.Count);
        Assert.Equal(2, groups[1].Entries);
        Assert.Equal(3, used);
    }

    [Fact]
    public void When_more_rows_may_follow_and_all_rows_are_one_group_nothing_is_returned()
    {
        var rows = new[] { Row(20), Row(10), Row(0) };

        var (groups, used) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 10, exhausted: false);

        Assert.Empty(groups);
        Assert.Equal(0, used);
    }

    [Fact]
    public void A_full_page_needs_no_more_rows_even_when_not_exhausted()
    {
        var rows = new[] { Row(2000), Row(1000), Row(0) };

        var (groups, used) = HistoryGrouping.GroupNewestFirst(rows, maxGroups: 2, exhausted: false);

        Assert.Equal(2, groups.Count);
        Assert.Equal(2, used);
    }
}
