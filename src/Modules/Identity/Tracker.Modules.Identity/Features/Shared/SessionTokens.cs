using Microsoft.Extensions.Options;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Features.Shared;

/// <summary>What a successful sign-in or refresh returns.</summary>
/// <param name="AccessToken">JWT for the Authorization: Bearer header.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="RefreshToken">Single-use token for <c>/refresh</c>; keep it secret.</param>
internal sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt, UserResponse User);

/// <summary>Issues an access token plus a refresh token in the given family (a new family on sign-in).</summary>
internal sealed class SessionTokens(IdentityDbContext db, AccessTokenIssuer issuer, IOptions<IdentityOptions> options, TimeProvider clock)
{
    /// <summary>Adds the refresh token to the context; the caller saves.</summary>
    public TokenResponse Issue(User user, Guid? familyId = null)
    {
        var now = clock.GetUtcNow();
        var (accessToken, expiresAt) = issuer.Issue(user);
        var (refresh, secret) = RefreshToken.Issue(user.Id, familyId ?? Guid.CreateVersion7(now), now, options.Value.RefreshTokenLifetime);
        db.RefreshTokens.Add(refresh);
        return new TokenResponse(
            accessToken,
            "Bearer",
            (int)Math.Round((expiresAt - now).TotalSeconds),
            expiresAt,
            secret,
            refresh.ExpiresAt,
            user.ToResponse());
    }
}
