namespace Tracker.BuildingBlocks.Security;

/// <summary>The four roles every module authorises against, from most to least privileged.</summary>
public static class TrackerRoles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Planner = "planner";
    public const string Worker = "worker";

    public static IReadOnlyList<string> All { get; } = [Admin, Manager, Planner, Worker];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Claim types Tracker's access tokens carry.</summary>
public static class TrackerClaims
{
    public const string UserId = "sub";
    public const string Username = "unique_name";
    public const string DisplayName = "name";
    public const string Role = "role";
    public const string SecurityStamp = "sstamp";
}
