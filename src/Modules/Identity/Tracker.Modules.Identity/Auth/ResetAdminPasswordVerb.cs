using Microsoft.AspNetCore.Identity;
using Tracker.BuildingBlocks.Modules;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Auth;

/// <summary>
/// <c>Tracker.Host reset-admin-password [username]</c>: for the operator who lost the administrator's password.
/// Sets a new random password, ends every session of the account (its rights are re-checked at once, refresh
/// tokens are revoked) and prints the password once, to the console only, never to the log.
/// </summary>
internal sealed class ResetAdminPasswordVerb(IdentityDbContext db, IPasswordHasher<User> hasher, TimeProvider clock) : IHostCommand
{
    public string Name => "reset-admin-password";

    public string Usage => $"{Name} [username]   new random password for an account ('{BootstrapAdmin.Username}' by default), printed once";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Count > 1)
        {
            await output.WriteLineAsync($"Usage: {Name} [username]");
            return 2;
        }

        var username = arguments.Count == 1 ? arguments[0] : BootstrapAdmin.Username;
        var normalized = User.Normalize(username);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        if (user is null)
        {
            await output.WriteLineAsync($"No account is named '{username}'; nothing was changed.");
            return 1;
        }

        var password = RandomPassword.New();
        user.SetPasswordHash(hasher.HashPassword(user, password));
        user.EndSessions();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.RevokeUserTokensAsync(user.Id, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await output.WriteLineAsync(
            $"*** The new password of '{user.Username}' is: {password}{Environment.NewLine}" +
            "*** It is shown only this once. Every session of the account has ended.");
        return 0;
    }
}
