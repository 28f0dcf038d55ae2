using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.MoveMiniatures;

namespace Tracker.UnitTests.Miniatures;

/// <summary>
/// A move's request is checked before the database is touched: the handler gets no database (nor user) here, so reaching
/// it would throw instead of answering the expected error.
/// </summary>
public sealed class MoveMiniaturesRulesTests
{
    private static readonly Guid TypeId = Guid.Parse("0190a000-0000-7000-8000-000000000001");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_001)]
    public async Task A_move_of_an_out_of_range_quantity_is_refused_as_an_invalid_quantity(int qty)
    {
        var error = await MoveAsync(Stage.InBox, Stage.Building, qty);

        Assert.Equal("ERR_INVALID_QTY", error);
    }

    [Theory]
    [InlineData(nameof(Stage.Building), nameof(Stage.InBox))]
    [InlineData(nameof(Stage.Priming), nameof(Stage.Priming))]
    [InlineData(nameof(Stage.Done), nameof(Stage.Painting))]
    public async Task A_move_that_is_not_forward_is_refused_as_an_invalid_transition(string from, string to)
    {
        var error = await MoveAsync(Enum.Parse<Stage>(from), Enum.Parse<Stage>(to), 1);

        Assert.Equal("ERR_INVALID_STAGE_TRANSITION", error);
    }

    [Fact]
    public async Task A_backward_move_of_a_bad_quantity_reports_the_quantity_first()
    {
        var error = await MoveAsync(Stage.Done, Stage.InBox, 0);

        Assert.Equal("ERR_INVALID_QTY", error);
    }

    private static async Task<string?> MoveAsync(Stage from, Stage to, int qty)
    {
        var handler = new MoveMiniaturesCommandHandler(null!, null!, TimeProvider.System);
        var result = await handler.Handle(new MoveMiniaturesCommand(TypeId, from, to, qty), CancellationToken.None);
        return result.Error?.Code;
    }
}
