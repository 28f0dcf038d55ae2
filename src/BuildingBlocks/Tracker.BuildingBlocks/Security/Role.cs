using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracker.BuildingBlocks.Security;

// Members are spelled exactly as the role is written everywhere outside C# (JSON, query strings, JWT claims, the
// database column), so each boundary converts by name alone; query binding matches enum names case-sensitively.
// There is no zero member: a role that was never sent stays 0 and fails validation instead of meaning anything.

/// <summary>The role a user holds, from most to least privileged; each role may do everything the ones below it may.</summary>
[JsonConverter(typeof(RoleJsonConverter))]
public enum Role
{
    admin = 1,
    manager,
    planner,
    worker,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>For messages: "admin, manager, planner, worker".</summary>
    public static string List { get; } = string.Join(", ", All);

    /// <summary>
    /// Exactly one of the four names. Unlike <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>, numbers,
    /// other casings and comma-joined lists ("manager, planner") are refused.
    /// </summary>
    public static bool TryParse(string? name, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}

/// <summary>
/// Roles travel in JSON as their exact names; anything else is a field error for that property. The host lists it
/// ahead of its general enum converter, which would otherwise win over the attribute on <see cref="Role"/>.
/// </summary>
public sealed class RoleJsonConverter : JsonConverter<Role>
{
    public override Role Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Roles.TryParse(reader.GetString(), out var role)
            ? role
            : throw new JsonException($"Expected one of: {Roles.List}.");

    public override void Write(Utf8JsonWriter writer, Role value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
