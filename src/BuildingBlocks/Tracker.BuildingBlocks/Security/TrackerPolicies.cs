using Microsoft.AspNetCore.Authorization;

namespace Tracker.BuildingBlocks.Security;

/// <summary>
/// Role-based policies, defined once for every module. Each policy admits its role and every role above it;
/// module endpoints without a policy still require a signed-in user (their route group demands it).
/// </summary>
public static class TrackerPolicies
{
    public const string Admin = "tracker:admin";
    public const string Manager = "tracker:manager";
    public const string Planner = "tracker:planner";
    public const string Worker = "tracker:worker";

    public static AuthorizationBuilder AddTrackerPolicies(this AuthorizationBuilder builder)
    {
        return builder
            .AddPolicy(Admin, p => p.RequireRole(RolesFrom(Role.admin)))
            .AddPolicy(Manager, p => p.RequireRole(RolesFrom(Role.manager)))
            .AddPolicy(Planner, p => p.RequireRole(RolesFrom(Role.planner)))
            .AddPolicy(Worker, p => p.RequireRole(RolesFrom(Role.worker)));
    }

    /// <summary>The claim values admitted by a policy: <paramref name="lowest"/> and every role above it.</summary>
    private static string[] RolesFrom(Role lowest) => [.. Roles.All.Where(r => r <= lowest).Select(r => r.ToString())];
}
