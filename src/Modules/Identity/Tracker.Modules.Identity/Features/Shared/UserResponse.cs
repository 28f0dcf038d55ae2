using Mapster;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Features.Shared;

/// <summary>A user account as clients see it (never the password hash or security stamp).</summary>
internal sealed record UserResponse(
    Guid Id,
    string Username,
    string DisplayName,
    Role Role,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt);

internal static class UserResponseMapping
{
    public static UserResponse ToResponse(this User user) => user.Adapt<UserResponse>(IdentityMappings.Config);
}
