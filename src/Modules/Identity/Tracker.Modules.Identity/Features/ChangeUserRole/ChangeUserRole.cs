using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Contracts;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.ChangeUserRole;

internal sealed record ChangeUserRoleRequest(Role Role);

internal sealed record ChangeUserRoleCommand(Guid UserId, Role Role) : ICommand<Result<UserResponse>>;

internal sealed class ChangeUserRoleCommandValidator : AbstractValidator<ChangeUserRoleCommand>
{
    public ChangeUserRoleCommandValidator() =>
        RuleFor(c => c.Role).KnownRole();
}

internal sealed class ChangeUserRoleCommandHandler(IdentityDbContext db, ICurrentUser currentUser, UserSessionValidator sessions, TimeProvider clock)
    : ICommandHandler<ChangeUserRoleCommand, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(ChangeUserRoleCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await LastAdminRule.BeginAsync(db, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound.WithDetail(command.UserId);
        }

        if (user.Id == currentUser.Id && command.Role != Role.admin)
        {
            return IdentityErrors.SelfLockout;
        }

        if (command.Role != Role.admin && await LastAdminRule.IsLastActiveAdminAsync(db, user, cancellationToken))
        {
            return IdentityErrors.LastAdmin;
        }

        var previous = user.ChangeRole(command.Role);
        if (previous != command.Role)
        {
            var now = clock.GetUtcNow();
            db.Publish(new UserRoleChanged(Guid.CreateVersion7(now), now, user.Id, previous.ToString(), command.Role.ToString()));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sessions.Forget(user.Id);
        }

        return user.ToResponse();
    }
}

internal sealed class ChangeUserRoleEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/users/{id}/role", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Guid id, ChangeUserRoleRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ChangeUserRoleCommand(id, request.Role), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("Change a user's role (admin only)")
            .WithDescription("The user's existing access tokens stop working; they sign in again to get the new role. The last active administrator cannot be demoted (409 ERR_LAST_ADMIN).")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
