using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Security;

namespace Tracker.UnitTests.BuildingBlocks;

public sealed class StrictEnumTests
{
    [Flags]
    public enum Permissions
    {
        None = 0,
        [JsonStringEnumMemberName("READ_ALL")]
        Read = 1,
        Write = 2,
        ReadWrite = Read | Write,
    }

    private sealed record Holder(Permissions Value, Permissions? Optional = null, Dictionary<Permissions, int>? ByKey = null);

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.Web).UseStrictInput();

    [Fact]
    public void Wire_names_are_the_attribute_name_or_else_the_camel_case_member_name()
    {
        Assert.Equal(["none", "READ_ALL", "write", "readWrite"], WireEnum.Names(typeof(Permissions)));
        Assert.Equal("admin, manager, planner, worker", Roles.List);
    }

    [Theory]
    [InlineData("\"READ_ALL\"", Permissions.Read)]
    [InlineData("\"write\"", Permissions.Write)]
    [InlineData("\"readWrite\"", Permissions.ReadWrite)]
    public void A_listed_name_reads_as_its_member_and_writes_back_the_same(string json, Permissions expected)
    {
        var read = JsonSerializer.Deserialize<Holder>($"{{\"value\":{json}}}", Options)!;

        Assert.Equal(expected, read.Value);
        Assert.Equal($"{{\"value\":{json},\"optional\":null,\"byKey\":null}}", JsonSerializer.Serialize(read, Options));
    }

    [Theory]
    [InlineData("\"READ_ALL, write\"")]
    [InlineData("\"READ_ALL,write\"")]
    [InlineData("\" write \"")]
    [InlineData("\"write \"")]
    [InlineData("\"Write\"")]
    [InlineData("\"WRITE\"")]
    [InlineData("\"Read\"")]
    [InlineData("\"1\"")]
    [InlineData("\"-1\"")]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("true")]
    [InlineData("\"\"")]
    [InlineData("[\"write\"]")]
    public void Anything_but_exactly_one_name_is_a_field_error_listing_the_names(string json)
    {
        var error = Assert.Throws<JsonFieldException>(() => JsonSerializer.Deserialize<Holder>($"{{\"value\":{json}}}", Options));

        Assert.Equal("$.value", error.Path);
        Assert.Contains("none, READ_ALL, write, readWrite", error.LocalizedMessage.English, StringComparison.Ordinal);
        Assert.Contains("none, READ_ALL, write, readWrite", error.LocalizedMessage.Russian, StringComparison.Ordinal);
    }

    [Fact]
    public void Nullable_enums_and_dictionary_keys_follow_the_same_rule()
    {
        var read = JsonSerializer.Deserialize<Holder>("{\"value\":\"write\",\"optional\":null,\"byKey\":{\"READ_ALL\":1}}", Options)!;

        Assert.Null(read.Optional);
        Assert.Equal(1, read.ByKey![Permissions.Read]);
        Assert.Throws<JsonFieldException>(() => JsonSerializer.Deserialize<Holder>("{\"value\":\"write\",\"optional\":\"WRITE\"}", Options));
        Assert.Throws<JsonFieldException>(() => JsonSerializer.Deserialize<Holder>("{\"value\":\"write\",\"byKey\":{\"read_all\":1}}", Options));
    }

    [Fact]
    public void The_converter_named_on_an_enum_is_strict_with_any_options()
    {
        Assert.Equal(Role.planner, JsonSerializer.Deserialize<Role>("\"planner\""));
        Assert.Throws<JsonFieldException>(() => JsonSerializer.Deserialize<Role>("\"manager, planner\""));
        Assert.Throws<JsonFieldException>(() => JsonSerializer.Deserialize<Role>("2"));
        Assert.Equal("\"worker\"", JsonSerializer.Serialize(Role.worker));
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("worker", true)]
    [InlineData("Admin", false)]
    [InlineData(" admin", false)]
    [InlineData("manager, planner", false)]
    [InlineData("manager,planner", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Parsing_outside_json_is_just_as_exact(string? text, bool valid)
    {
        Assert.Equal(valid, Roles.TryParse(text, out _));
        Assert.Equal(valid, WireEnum.IsName(typeof(Role), text));
    }

    [Fact]
    public void The_message_for_an_unknown_value_is_localised()
    {
        var message = WireEnum.NotOneOf(typeof(Role));

        Assert.StartsWith("Expected exactly one of:", message.In(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.StartsWith("Ожидается", message.In(CultureInfo.GetCultureInfo("ru")), StringComparison.Ordinal);
    }
}
