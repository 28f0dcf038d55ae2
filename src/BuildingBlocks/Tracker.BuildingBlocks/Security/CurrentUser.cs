using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Tracker.BuildingBlocks.Security;

/// <summary>The signed-in user of the current request, as the access token describes them.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid Id { get; }

    string Username { get; }

    /// <summary>The role the access token grants; null when signed out.</summary>
    Role? Role { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(TrackerClaims.UserId), out var id)
        ? id
        : throw new InvalidOperationException("No signed-in user.");

    public string Username => Principal.FindFirstValue(TrackerClaims.Username) ?? string.Empty;

    public Role? Role => Roles.TryParse(Principal.FindFirstValue(TrackerClaims.Role), out var role) ? role : null;
}
