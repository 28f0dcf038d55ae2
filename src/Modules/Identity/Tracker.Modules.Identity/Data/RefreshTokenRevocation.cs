namespace Tracker.Modules.Identity.Data;

internal static class RefreshTokenRevocation
{
    /// <summary>Ends a session: every unspent token rotated from the same sign-in.</summary>
    public static Task<int> RevokeTokenFamilyAsync(this IdentityDbContext db, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);

    /// <summary>Ends every session of a user.</summary>
    public static Task<int> RevokeUserTokensAsync(this IdentityDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
}
