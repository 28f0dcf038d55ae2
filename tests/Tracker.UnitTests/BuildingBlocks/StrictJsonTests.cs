using System.Globalization;
using System.Text.Json;
using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Results;

namespace Tracker.UnitTests.BuildingBlocks;

/// <summary>What the strict options refuse, and how each refusal is described to the client (field and kind, never the value).</summary>
public sealed class StrictJsonTests
{
    private sealed record Line(int Qty, string? Note = null);

    private sealed record Order(string Name, int Qty, IReadOnlyList<Line>? Lines = null, int Priority = 0);

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.Web).UseStrictInput();

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static (Error Error, Dictionary<string, string[]> Errors) Refusal(string json)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Order>(json, Options));
        return JsonInputErrors.Describe(exception, English);
    }

    [Fact]
    public void A_body_that_matches_the_type_exactly_is_read_and_optional_members_may_be_left_out()
    {
        var order = JsonSerializer.Deserialize<Order>("{\"name\":\"a\",\"qty\":2,\"lines\":[{\"qty\":1}]}", Options)!;

        Assert.Equal(new Order("a", 2, order.Lines, 0), order);
        Assert.Equal(1, Assert.Single(order.Lines!).Qty);
    }

    [Theory]
    [InlineData("{\"qty\":1}", "name", "Required.")]
    [InlineData("{\"name\":\"a\"}", "qty", "Required.")]
    [InlineData("{\"name\":\"a\",\"qty\":1,\"lines\":[{\"note\":\"x\"}]}", "lines[0].qty", "Required.")]
    [InlineData("{\"name\":null,\"qty\":1}", "name", "Must not be null.")]
    [InlineData("{\"name\":\"a\",\"qty\":\"1\"}", "qty", "Wrong JSON type")]
    [InlineData("{\"name\":\"a\",\"qty\":1.5}", "qty", "Wrong JSON type")]
    [InlineData("{\"name\":5,\"qty\":1}", "name", "Wrong JSON type")]
    [InlineData("{\"name\":\"a\",\"qty\":1,\"priority\":null}", "priority", "Wrong JSON type")]
    [InlineData("{\"name\":\"a\",\"qty\":1,\"extra\":true}", "extra", "Unknown property")]
    [InlineData("{\"name\":\"a\",\"qty\":1,\"Qty\":1}", "Qty", "Unknown property")]
    [InlineData("{\"$type\":\"Order\",\"name\":\"a\",\"qty\":1}", "$type", "Unknown property")]
    [InlineData("{\"$id\":\"1\",\"name\":\"a\",\"qty\":1}", "$id", "Unknown property")]
    [InlineData("{\"name\":\"a\",\"qty\":1,\"lines\":[{\"qty\":1,\"x\":1}]}", "lines[0].x", "Unknown property")]
    [InlineData("{\"name\":\"a\",\"qty\":1,\"name\":\"b\"}", "name", "more than once")]
    [InlineData("{\"name\":\"a\",\"qty\":1,\"lines\":[{\"qty\":1,\"qty\":2}]}", "lines[0].qty", "more than once")]
    public void Each_refusal_names_its_field_as_a_validation_error(string json, string field, string message)
    {
        var (error, errors) = Refusal(json);

        Assert.Equal(CommonErrors.Validation, error);
        Assert.Contains(message, Assert.Single(Assert.Single(errors, e => e.Key == field).Value), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_missing_required_member_is_named()
    {
        var (_, errors) = Refusal("{}");

        Assert.Equal(["name", "qty"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{\"name\":\"a\",}")]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    public void Json_that_is_not_well_formed_or_not_an_object_stays_malformed(string json)
    {
        var (error, errors) = Refusal(json);

        Assert.Equal(CommonErrors.MalformedJson, error);
        Assert.Single(errors);
    }

    [Fact]
    public void Messages_are_localised_and_never_echo_the_value()
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Order>("{\"name\":\"a\",\"qty\":\"secret-42\"}", Options));

        var (_, russian) = JsonInputErrors.Describe(exception, CultureInfo.GetCultureInfo("ru"));

        Assert.StartsWith("Неверный тип", russian["qty"][0], StringComparison.Ordinal);
        Assert.DoesNotContain("secret-42", string.Concat(russian["qty"]), StringComparison.Ordinal);
    }
}
