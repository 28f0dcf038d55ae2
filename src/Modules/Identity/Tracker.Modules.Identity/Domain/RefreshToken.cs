using System.Security.Cryptography;
using System.Text;

namespace Tracker.Modules.Identity.Domain;

/// <summary>
/// A long-lived, single-use credential that buys a new access token. Only its SHA-256 hash is stored. Tokens
/// rotate within a family; presenting an already-used token means it leaked, so the whole family is revoked.
/// </summary>
internal sealed class RefreshToken
{
    private RefreshToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid FamilyId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    /// <returns>The entity to store and the secret to hand to the client (never stored).</returns>
    public static (RefreshToken Token, string Secret) Issue(Guid userId, Guid familyId, DateTimeOffset now, TimeSpan lifetime)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            FamilyId = familyId,
            TokenHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, secret);
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
