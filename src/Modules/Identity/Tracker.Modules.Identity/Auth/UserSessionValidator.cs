using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Data;

namespace Tracker.Modules.Identity.Auth;

/// <summary>
/// Rejects a signature-valid access token whose user was deactivated or whose rights changed since it was issued
/// (the security stamp differs). The lookup is cached briefly; changes made on this instance evict it at once.
/// </summary>
internal sealed class UserSessionValidator(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<IdentityModuleOptions> options)
{
    public async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirstValue(TrackerClaims.UserId), out var userId))
        {
            context.Fail("The token names no user.");
            return;
        }

        var current = await cache.GetOrCreateAsync(CacheKey(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.SessionCacheDuration;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            return await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new Session(u.IsActive, u.SecurityStamp))
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        });

        if (current is null || !current.IsActive || current.SecurityStamp.ToString("N") != principal!.FindFirstValue(TrackerClaims.SecurityStamp))
        {
            context.Fail("The account was deactivated or its rights changed.");
        }
    }

    public void Forget(Guid userId) => cache.Remove(CacheKey(userId));

    private static string CacheKey(Guid userId) => $"identity:session:{userId:N}";

    private sealed record Session(bool IsActive, Guid SecurityStamp);
}
