using Microsoft.AspNetCore.Identity;
using Tracker.Modules.Identity.Contracts;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Auth;

/// <summary>Creates accounts the same way for every path that creates one: register, admin create, bootstrap.</summary>
internal sealed class AccountWriter(IdentityDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public async Task<Result<User>> CreateAsync(string username, string displayName, string password, string role, CancellationToken cancellationToken)
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
        db.Publish(new UserRegistered(Guid.CreateVersion7(now), now, user.Id, user.Username, user.DisplayName, user.Role));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Most likely a concurrent request took the same name first; the unique index decided.
            db.ChangeTracker.Clear();
            if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken))
            {
                return IdentityErrors.UsernameTaken.WithDetail(username.Trim());
            }

            throw;
        }

        return user;
    }
}
