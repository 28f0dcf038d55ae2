namespace Tracker.Modules.Identity.Features;

/// <summary>A user account as clients see it (never the password hash or security stamp).</summary>
internal sealed record UserResponse(
    Guid Id,
    string Username,
    string DisplayName,
    string Role,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt);
