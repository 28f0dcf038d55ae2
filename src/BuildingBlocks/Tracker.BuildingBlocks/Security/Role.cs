using System.Text.Json.Serialization;
using Tracker.BuildingBlocks.Json;

namespace Tracker.BuildingBlocks.Security;

// Members are spelled exactly as the role is written everywhere outside C# (JSON, query strings, JWT claims, the
// database column), so each boundary converts by name alone (WireEnum: the exact name and nothing else).
// There is no zero member: a role that was never sent stays 0 and fails validation instead of meaning anything.

/// <summary>The role a user holds, from most to least privileged; each role may do everything the ones below it may.</summary>
[JsonConverter(typeof(StrictEnumConverter))]
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
    public static string List { get; } = WireEnum.List(typeof(Role));

    /// <summary>
    /// Exactly one of the four names. Unlike <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>, numbers,
    /// other casings and comma-joined lists ("manager, planner") are refused.
    /// </summary>
    public static bool TryParse(string? name, out Role role) => WireEnum.TryParse(name, out role);
}
