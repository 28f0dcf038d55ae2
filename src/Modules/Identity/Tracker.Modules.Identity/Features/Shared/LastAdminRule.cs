using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Features.Shared;

/// <summary>
/// Somebody must always be able to administer accounts: the last active administrator can be neither deactivated
/// nor demoted. Every change that may take away an active administrator runs in a transaction that first takes one
/// module-wide lock, and reads the user and the other administrators only after it. So two administrators who
/// deactivate (or demote) each other at the same moment are serialised: the second sees the first's change and is
/// refused, instead of both seeing the other still active.
/// </summary>
internal static class LastAdminRule
{
    private const string LockName = "identity:active-administrators";

    /// <summary>The transaction, holding the lock, in which the user must be loaded, checked and changed.</summary>
    public static async Task<ModuleTransaction> BeginAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        await db.Database.AcquireTransactionLockAsync(LockName, cancellationToken);
        return transaction;
    }

    /// <summary>True when taking away <paramref name="user"/>'s admin rights would leave no active administrator.</summary>
    public static async Task<bool> IsLastActiveAdminAsync(IdentityDbContext db, User user, CancellationToken cancellationToken) =>
        user is { Role: Role.admin, IsActive: true }
        && !await db.Users.AnyAsync(u => u.Role == Role.admin && u.IsActive && u.Id != user.Id, cancellationToken);
}
