using Tracker.BuildingBlocks.Contracts;

namespace Tracker.Modules.Identity.Contracts;

/// <summary>An admin moved a user from one role to another.</summary>
public sealed record UserRoleChanged(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid UserId,
    string PreviousRole,
    string NewRole) : IntegrationEvent(Id, OccurredAt);
