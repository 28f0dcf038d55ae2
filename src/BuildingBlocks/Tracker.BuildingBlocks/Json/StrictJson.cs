using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracker.BuildingBlocks.Json;

/// <summary>
/// The one reading of request bodies every module gets: a body means exactly what the OpenAPI document says or it
/// answers 400 naming the field (see <see cref="JsonInputErrors"/>). Nothing is guessed: no case-insensitive
/// property names, no numbers in strings, no second value for a property, no member the type does not have
/// (<c>$type</c>, <c>$id</c> and <c>$ref</c> included), no default for a required field, no null where the C#
/// type does not allow one, and enums only by their names.
/// </summary>
public static class StrictJson
{
    public static JsonSerializerOptions UseStrictInput(this JsonSerializerOptions options)
    {
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.Converters.Insert(0, new StrictEnumConverter());
        return options;
    }
}
