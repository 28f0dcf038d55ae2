using System.Collections.Concurrent;
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
internal sealed class UserSessionValidator(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Guid, long> _generations = new();

    public async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirstValue(TrackerClaims.UserId), out var userId))
        {
            context.Fail("The token names no user.");
            return;
        }

        var key = CacheKey(userId);
        if (!cache.TryGetValue(key, out Session? current))
        {
            var generation = Generation(userId);
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
                current = await db.Users.AsNoTracking()
                    .Where(u => u.Id == userId)
                    .Select(u => new Session(u.IsActive, u.SecurityStamp))
                    .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            }

            lock (_gate)
            {
                // A change committed while we read may have been missed by the read: then do not keep it.
                if (Generation(userId) == generation)
                {
                    cache.Set(key, current, options.Value.SessionCacheDuration);
                }
            }
        }

        if (current is null || !current.IsActive || current.SecurityStamp.ToString("N") != principal!.FindFirstValue(TrackerClaims.SecurityStamp))
        {
            context.Fail("The account was deactivated or its rights changed.");
        }
    }

    /// <summary>Called after a change to the user's rights commits: the next request reads them afresh.</summary>
    public void Forget(Guid userId)
    {
        lock (_gate)
        {
            _generations.AddOrUpdate(userId, 1, (_, generation) => generation + 1);
            cache.Remove(CacheKey(userId));
        }
    }

    private long Generation(Guid userId) => _generations.GetValueOrDefault(userId);

    private static string CacheKey(Guid userId) => $"identity:session:{userId:N}";

    private sealed record Session(bool IsActive, Guid SecurityStamp);
}
