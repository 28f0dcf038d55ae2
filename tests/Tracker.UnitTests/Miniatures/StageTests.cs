using System.Text.Json;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.UnitTests.Miniatures;

public sealed class StageTests
{
    [Fact]
    public void The_pipeline_runs_in_box_building_priming_painting_done()
    {
        Assert.Equal([Stage.InBox, Stage.Building, Stage.Priming, Stage.Painting, Stage.Done], Stages.All);
    }

    [Theory]
    [InlineData(nameof(Stage.InBox), "IN_BOX")]
    [InlineData(nameof(Stage.Building), "BUILDING")]
    [InlineData(nameof(Stage.Priming), "PRIMING")]
    [InlineData(nameof(Stage.Painting), "PAINTING")]
    [InlineData(nameof(Stage.Done), "DONE")]
    public void Each_stage_has_its_public_code_and_parses_back(string name, string code)
    {
        var stage = Enum.Parse<Stage>(name);
        Assert.Equal(code, stage.Code());
        Assert.True(Stages.TryParse(code, out var parsed));
        Assert.Equal(stage, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("in_box")]
    [InlineData("In_Box")]
    [InlineData(" IN_BOX")]
    [InlineData("INBOX")]
    [InlineData("InBox")]
    [InlineData("0")]
    public void Codes_parse_only_exactly(string? code)
    {
        Assert.False(Stages.TryParse(code, out _));
    }

    [Fact]
    public void Every_stage_travels_in_json_as_its_code()
    {
        foreach (var stage in Stages.All)
        {
            Assert.Equal($"\"{stage.Code()}\"", JsonSerializer.Serialize(stage));
            Assert.Equal(stage, JsonSerializer.Deserialize<Stage>($"\"{stage.Code()}\""));
        }
    }

    [Fact]
    public void A_stage_given_as_a_number_in_json_is_rejected()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Stage>("1"));
    }

    [Fact]
    public void Every_stage_has_an_english_and_a_russian_label()
    {
        Assert.Equal("In box", Stage.InBox.Label().English);
        Assert.Equal("Готово", Stage.Done.Label().Russian);
        foreach (var stage in Stages.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(stage.Label().English));
            Assert.False(string.IsNullOrWhiteSpace(stage.Label().Russian));
        }
    }

    [Theory]
    [InlineData(nameof(Stage.InBox), nameof(Stage.Building))]
    [InlineData(nameof(Stage.InBox), nameof(Stage.Done))]
    [InlineData(nameof(Stage.Building), nameof(Stage.Priming))]
    [InlineData(nameof(Stage.Priming), nameof(Stage.Done))]
    [InlineData(nameof(Stage.Painting), nameof(Stage.Done))]
    public void Moving_to_any_later_stage_is_allowed(string from, string to)
    {
        Assert.True(Stages.CanMove(Enum.Parse<Stage>(from), Enum.Parse<Stage>(to)));
    }

    [Theory]
    [InlineData(nameof(Stage.InBox), nameof(Stage.InBox))]
    [InlineData(nameof(Stage.Painting), nameof(Stage.Painting))]
    [InlineData(nameof(Stage.Done), nameof(Stage.Done))]
    [InlineData(nameof(Stage.Building), nameof(Stage.InBox))]
    [InlineData(nameof(Stage.Done), nameof(Stage.Painting))]
    [InlineData(nameof(Stage.Done), nameof(Stage.InBox))]
    public void Moving_to_the_same_or_an_earlier_stage_is_refused(string from, string to)
    {
        Assert.False(Stages.CanMove(Enum.Parse<Stage>(from), Enum.Parse<Stage>(to)));
    }

    [Fact]
    public void Nothing_moves_out_of_done()
    {
        Assert.DoesNotContain(Stages.All, to => Stages.CanMove(Stage.Done, to));
    }

    [Fact]
    public void Everything_may_move_out_of_in_box_except_into_in_box()
    {
        Assert.Equal([Stage.Building, Stage.Priming, Stage.Painting, Stage.Done], Stages.All.Where(to => Stages.CanMove(Stage.InBox, to)));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(4, 5)]
    [InlineData(0, 99)]
    public void Moves_from_or_to_an_undefined_stage_are_refused(short from, short to)
    {
        Assert.False(Stages.CanMove((Stage)from, (Stage)to));
    }
}
