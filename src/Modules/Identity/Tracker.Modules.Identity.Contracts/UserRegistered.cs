using Tracker.BuildingBlocks.Contracts;

namespace Tracker.Modules.Identity.Contracts;

/// <summary>A user account now exists (self-registered, created by an admin, or the bootstrap admin).</summary>
public sealed record UserRegistered(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid UserId,
    string Username,
    string DisplayName,
    string Role) : IntegrationEvent(Id, OccurredAt);
