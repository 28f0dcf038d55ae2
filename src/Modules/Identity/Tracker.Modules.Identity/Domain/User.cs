using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Identity.Domain;

/// <summary>
/// A person who signs in to Tracker. The security stamp changes whenever the account's rights change
/// (role, activation); access tokens carry it, so older tokens stop working at once.
/// </summary>
internal sealed class User
{
    public const int UsernameMaxLength = 64;
    public const int DisplayNameMaxLength = 128;

    private User()
    {
    }

    public Guid Id { get; private set; }

    public string Username { get; private set; } = string.Empty;

    public string NormalizedUsername { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    public string PasswordHash { get; private set; } = string.Empty;

    public Role Role { get; private set; } = Role.worker;

    public bool IsActive { get; private set; }

    public Guid SecurityStamp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastLoginAt { get; private set; }

    public static User Create(string username, string displayName, Role role, DateTimeOffset now)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var trimmed = username.Trim();
        return new User
        {
            Id = Guid.CreateVersion7(now),
            Username = trimmed,
            NormalizedUsername = Normalize(trimmed),
            DisplayName = UnicodeText.CleanName(displayName),
            Role = role,
            IsActive = true,
            SecurityStamp = Guid.NewGuid(),
            CreatedAt = now,
        };
    }

    /// <summary>Usernames are unique regardless of case and surrounding spaces.</summary>
    public static string Normalize(string username) => UnicodeText.FoldName(username);

    public void SetPasswordHash(string passwordHash) => PasswordHash = passwordHash;

    public void RecordLogin(DateTimeOffset now) => LastLoginAt = now;

    /// <returns>The previous role.</returns>
    public Role ChangeRole(Role role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var previous = Role;
        if (previous != role)
        {
            Role = role;
            SecurityStamp = Guid.NewGuid();
        }

        return previous;
    }

    /// <summary>Every access token issued so far stops working (e.g. after a password reset).</summary>
    public void EndSessions() => SecurityStamp = Guid.NewGuid();

    public void SetActive(bool active)
    {
        if (IsActive != active)
        {
            IsActive = active;
            SecurityStamp = Guid.NewGuid();
        }
    }
}
