using Tracker.Modules.Miniatures.Domain;

namespace Tracker.UnitTests.Miniatures;

public sealed class QuantitiesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(999_999)]
    [InlineData(1_000_000)]
    public void Quantities_from_one_to_a_million_are_valid(int qty)
    {
        Assert.True(Quantities.IsValid(qty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Zero_negative_and_over_a_million_are_invalid(int qty)
    {
        Assert.False(Quantities.IsValid(qty));
    }

    [Fact]
    public void A_full_type_in_every_stage_still_fits_in_an_int()
    {
        Assert.True((long)Quantities.MaxPerType * Stages.All.Count <= int.MaxValue);
    }

    [Fact]
    public void One_more_operation_on_a_full_type_still_fits_in_an_int()
    {
        Assert.True((long)Quantities.MaxPerType + Quantities.MaxPerOperation <= int.MaxValue);
    }
}
