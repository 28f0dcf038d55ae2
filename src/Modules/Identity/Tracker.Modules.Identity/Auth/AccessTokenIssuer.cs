using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Auth;

internal sealed class AccessTokenIssuer(SigningKeyProvider keys, IOptions<IdentityOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(User user)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + settings.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(TrackerClaims.UserId, user.Id.ToString()),
                new Claim(TrackerClaims.Username, user.Username),
                new Claim(TrackerClaims.DisplayName, user.DisplayName),
                new Claim(TrackerClaims.Role, user.Role.ToString()),
                new Claim(TrackerClaims.SecurityStamp, user.SecurityStamp.ToString("N")),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
        return (token, expires);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKey = keys.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = TrackerClaims.Username,
        RoleClaimType = TrackerClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),

        // Judge lifetimes by the same clock that stamped them (tests move it; production gets the system clock).
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                && expires is not null && expires.Value > now - parameters.ClockSkew;
        },
    };
}
