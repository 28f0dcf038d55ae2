using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Data;

namespace Tracker.Modules.Identity.Auth;

/// <summary>
/// On a fresh database, creates the <c>admin</c> account so that someone can sign in at all. A generated password
/// goes to the console once, never to the log files.
/// </summary>
internal sealed class BootstrapAdmin(IdentityDbContext db, AccountWriter accounts, IOptions<IdentityOptions> options, ILogger<BootstrapAdmin> logger)
    : IStartupTask
{
    public const string Username = "admin";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var configured = options.Value.BootstrapAdminPassword;
        var password = string.IsNullOrEmpty(configured)
            ? RandomPassword.New()
            : configured;
        var created = await accounts.CreateAsync(Username, "Administrator", password, Role.admin, cancellationToken);
        if (created.IsFailure)
        {
            // Another instance seeded the same database at the same moment.
            return;
        }

        logger.LogWarning("Created the first administrator account '{Username}'", Username);
        if (string.IsNullOrEmpty(configured))
        {
            await Console.Out.WriteLineAsync(
                $"*** Tracker created the administrator account '{Username}' with the password: {password}{Environment.NewLine}" +
                "*** It is shown only this once. Sign in and keep it safe, or set Identity__BootstrapAdminPassword before the first start.");
        }
    }
}
