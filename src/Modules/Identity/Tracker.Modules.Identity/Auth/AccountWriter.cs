using Microsoft.AspNetCore.Identity;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Contracts;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Auth;

/// <summary>Creates accounts the same way for every path that creates one: register, admin create, bootstrap.</summary>
internal sealed class AccountWriter(IdentityDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public async Task<Result<User>> CreateAsync(string username, string displayName, string password, Role role, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(username);
        if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken))
        {
            return IdentityErrors.UsernameTaken.WithDetail(username.Trim());
        }

        var now = clock.GetUtcNow();
        var user = User.Create(username, displayName, role, now);
        user.SetPasswordHash(hasher.HashPassword(user, password));
        db.Users.Add(user);
        db.Publish(new UserRegistered(Guid.CreateVersion7(now), now, user.Id, user.Username, user.DisplayName, user.Role.ToString()));
        // A concurrent request may take the name between the check above and this insert: the unique index on the
        // normalized username, the only one a new account can collide with, decides.
        return await db.TrySaveUniqueAsync(cancellationToken) ? user : IdentityErrors.UsernameTaken.WithDetail(username.Trim());
    }
}
