using System.Globalization;
using Tracker.BuildingBlocks.Domain;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.UnitTests.Miniatures;

public sealed class MiniatureTypeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Space Marine", "SPACE MARINE")]
    [InlineData("  space marine\t", "SPACE MARINE")]
    [InlineData("Орк-босс", "ОРК-БОСС")]
    [InlineData("ëlf", "ËLF")]
    public void Names_normalise_trimmed_and_upper_cased(string name, string normalized)
    {
        Assert.Equal(normalized, MiniatureType.Normalize(name));
    }

    [Fact]
    public void Names_differing_only_in_case_and_outer_spaces_normalise_alike()
    {
        Assert.Equal(MiniatureType.Normalize("Space Marine"), MiniatureType.Normalize(" sPACE mARINE "));
    }

    [Fact]
    public void Inner_spaces_are_kept_apart()
    {
        Assert.NotEqual(MiniatureType.Normalize("Space Marine"), MiniatureType.Normalize("Space  Marine"));
    }

    [Fact]
    public void Normalising_does_not_depend_on_the_current_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // Turkish upper-cases 'i' to a dotted 'İ'; uniqueness must not change with the server's locale.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            Assert.Equal("INFANTRY", MiniatureType.Normalize("infantry"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void A_new_type_has_a_trimmed_name_and_a_zero_count_in_every_stage_in_order()
    {
        var type = MiniatureType.Create("  Goblin Archers ", Now);

        Assert.Equal("Goblin Archers", type.Name);
        Assert.Equal("GOBLIN ARCHERS", type.NormalizedName);
        Assert.Equal(Stages.All, type.Counts.Select(c => c.Stage));
        Assert.All(type.Counts, c => Assert.Equal(0, c.Count));
        Assert.All(type.Counts, c => Assert.Equal(type.Id, c.TypeId));
    }

    [Fact]
    public void A_new_type_gets_a_time_ordered_id_unless_one_is_given()
    {
        var generated = MiniatureType.Create("Goblins", Now);
        var given = Guid.Parse("0190a000-0000-7000-8000-0000000000aa");

        Assert.Equal(7, generated.Id.Version);
        Assert.Equal(given, MiniatureType.Create("Goblins", Now, given).Id);
    }

    [Fact]
    public void A_new_type_is_stamped_in_utc_to_the_millisecond()
    {
        var local = new DateTimeOffset(2026, 3, 1, 15, 0, 0, TimeSpan.FromHours(3)).AddTicks(12_345);

        var type = MiniatureType.Create("Goblins", local);

        Assert.Equal(TimeSpan.Zero, type.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 1, TimeSpan.Zero), type.CreatedAt);
    }

    [Fact]
    public void Renaming_trims_and_renormalises()
    {
        var type = MiniatureType.Create("Goblins", Now);

        type.Rename(" Hobgoblins ");

        Assert.Equal("Hobgoblins", type.Name);
        Assert.Equal("HOBGOBLINS", type.NormalizedName);
    }

    [Fact]
    public void Timestamps_are_truncated_not_rounded_to_the_millisecond()
    {
        var almostNextMillisecond = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 999, TimeSpan.Zero).AddTicks(9_999);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 999, TimeSpan.Zero), Timestamps.Normalize(almostNextMillisecond));
    }

    [Fact]
    public void Timestamps_keep_the_instant_when_converted_to_utc()
    {
        var moscow = new DateTimeOffset(2026, 1, 1, 2, 30, 0, TimeSpan.FromHours(3));

        var normalized = Timestamps.Normalize(moscow);

        Assert.Equal(TimeSpan.Zero, normalized.Offset);
        Assert.Equal(new DateTime(2025, 12, 31, 23, 30, 0, DateTimeKind.Utc), normalized.UtcDateTime);
    }

    [Fact]
    public void A_history_entry_is_stamped_in_utc_to_the_millisecond()
    {
        var at = Now.ToOffset(TimeSpan.FromHours(-5)).AddTicks(5);

        var entry = HistoryEntry.Record(Guid.NewGuid(), Stage.InBox, Stage.Building, 3, at);

        Assert.Equal(Now, entry.CreatedAt);
        Assert.Equal(TimeSpan.Zero, entry.CreatedAt.Offset);
    }
}
