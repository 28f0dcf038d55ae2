namespace Tracker.BuildingBlocks.Security;

/// <summary>Claim types Tracker's access tokens carry.</summary>
public static class TrackerClaims
{
    public const string UserId = "sub";
    public const string Username = "unique_name";
    public const string DisplayName = "name";
    public const string Role = "role";
    public const string SecurityStamp = "sstamp";
}
