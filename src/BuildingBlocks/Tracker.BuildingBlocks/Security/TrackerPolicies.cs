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
            .AddPolicy(Admin, p => p.RequireRole(TrackerRoles.Admin))
            .AddPolicy(Manager, p => p.RequireRole(TrackerRoles.Admin, TrackerRoles.Manager))
            .AddPolicy(Planner, p => p.RequireRole(TrackerRoles.Admin, TrackerRoles.Manager, TrackerRoles.Planner))
            .AddPolicy(Worker, p => p.RequireRole([.. TrackerRoles.All]));
    }
}
