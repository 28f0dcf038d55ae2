using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Json;

/// <summary>
/// How every enum travels outside C# (JSON bodies, query strings, route values): as exactly one of its names, the
/// <see cref="JsonStringEnumMemberNameAttribute"/> of a member or else its camelCase name. The OpenAPI document
/// lists the same names. Unlike <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> and the framework's enum
/// converter, numbers ("1"), other casings, padding (" DONE ") and comma-joined combinations ("BUILDING, PRIMING")
/// are refused: each of them once parsed as some other member and stored a wrong value.
/// </summary>
public static class WireEnum
{
    /// <summary>The wire names of <paramref name="enumType"/>'s members, in declaration order.</summary>
    public static IReadOnlyList<string> Names(Type enumType) => Table(enumType).Names;

    /// <summary>For messages: "IN_BOX, BUILDING, PRIMING".</summary>
    public static string List(Type enumType) => Table(enumType).List;

    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        WireNames<TEnum>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>Exactly one wire name, compared ordinally; anything else is false.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum =>
        WireNames<TEnum>.ByName.TryGetValue(text ?? string.Empty, out value);

    /// <summary>The untyped form, for binders that only know the parameter's type.</summary>
    public static bool IsName(Type enumType, string? text) => text is not null && Table(enumType).Contains(text);

    /// <summary>The message for a value that is not one of the names (English and Russian).</summary>
    public static LocalizedText NotOneOf(Type enumType) => new(
        $"Expected exactly one of: {List(enumType)}.",
        $"Ожидается ровно одно из значений: {List(enumType)}.");

    private static readonly Dictionary<Type, NameTable> Tables = [];

    private static NameTable Table(Type enumType)
    {
        lock (Tables)
        {
            if (!Tables.TryGetValue(enumType, out var table))
            {
                var names = enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(WireName).ToArray();
                Tables[enumType] = table = new NameTable(names, string.Join(", ", names), names.ToFrozenSet(StringComparer.Ordinal));
            }

            return table;
        }
    }

    internal static string WireName(FieldInfo member) =>
        member.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    private sealed record NameTable(string[] Names, string List, FrozenSet<string> Set)
    {
        public bool Contains(string name) => Set.Contains(name);
    }

    private static class WireNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByName = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(WireName, field => (TEnum)field.GetValue(null)!, StringComparer.Ordinal);

        public static readonly FrozenDictionary<TEnum, string> ByValue = ByName.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);
    }
}

/// <summary>
/// Reads and writes every enum by its <see cref="WireEnum"/> name. Registered in the HTTP JSON options (where it
/// takes precedence over converters named on the types) and usable as <c>[JsonConverter]</c> on an enum so other
/// serializers agree.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}

public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && WireEnum.TryParse<TEnum>(reader.GetString(), out var value)
            ? value
            : throw new JsonFieldException(WireEnum.NotOneOf(typeof(TEnum)));

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireEnum.NameOf(value));

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireEnum.TryParse<TEnum>(reader.GetString(), out var value)
            ? value
            : throw new JsonFieldException(WireEnum.NotOneOf(typeof(TEnum)));

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(WireEnum.NameOf(value));
}

/// <summary>
/// A JSON value that is well-formed but not acceptable for its field, with a message in every language Tracker
/// speaks. The serializer adds the path; the exception handler turns it into a field error.
/// </summary>
public sealed class JsonFieldException(LocalizedText message) : JsonException(message.English)
{
    public LocalizedText LocalizedMessage { get; } = message;
}
