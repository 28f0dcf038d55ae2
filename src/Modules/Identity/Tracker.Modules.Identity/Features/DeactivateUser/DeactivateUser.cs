using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.DeactivateUser;

internal sealed record DeactivateUserCommand(Guid UserId) : ICommand<Result<UserResponse>>;

internal sealed class DeactivateUserCommandHandler(IdentityDbContext db, ICurrentUser currentUser, UserSessionValidator sessions, TimeProvider clock)
    : ICommandHandler<DeactivateUserCommand, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(DeactivateUserCommand command, CancellationToken cancellationToken)
    {
        // The flag and the end of every session commit together, under the last-administrator lock.
        await using var transaction = await LastAdminRule.BeginAsync(db, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound.WithDetail(command.UserId);
        }

        if (user.Id == currentUser.Id)
        {
            return IdentityErrors.SelfLockout;
        }

        if (await LastAdminRule.IsLastActiveAdminAsync(db, user, cancellationToken))
        {
            return IdentityErrors.LastAdmin;
        }

        user.SetActive(false);
        await db.SaveChangesAsync(cancellationToken);
        await db.RevokeUserTokensAsync(user.Id, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sessions.Forget(user.Id);
        return user.ToResponse();
    }
}

internal sealed class DeactivateUserEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/users/{id}/deactivate", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeactivateUserCommand(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("Deactivate a user (admin only)")
            .WithDescription("The user can no longer sign in; their access and refresh tokens stop working at once. The last active administrator cannot be deactivated (409 ERR_LAST_ADMIN).")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
