using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Data;

namespace Tracker.Modules.Identity.Features.SetUserActive;

internal sealed record SetUserActiveCommand(Guid UserId, bool Active) : ICommand<Result<UserResponse>>;

internal sealed class SetUserActiveCommandHandler(IdentityDbContext db, ICurrentUser currentUser, UserSessionValidator sessions, TimeProvider clock)
    : ICommandHandler<SetUserActiveCommand, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(SetUserActiveCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound.WithDetail(command.UserId);
        }

        if (user.Id == currentUser.Id && !command.Active)
        {
            return IdentityErrors.SelfLockout;
        }

        user.SetActive(command.Active);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (!command.Active)
        {
            var now = clock.GetUtcNow();
            await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        sessions.Forget(user.Id);
        return user.ToResponse();
    }
}

internal sealed class SetUserActiveEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var users = IdentityRoutes.Group(app).RequireAuthorization(TrackerPolicies.Admin);
        users.MapPost("/users/{id:guid}/deactivate", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SetUserActiveCommand(id, Active: false), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("IdentityDeactivateUser")
            .WithSummary("Deactivate a user (admin only)")
            .WithDescription("The user can no longer sign in; their access and refresh tokens stop working at once.")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        users.MapPost("/users/{id:guid}/activate", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SetUserActiveCommand(id, Active: true), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("IdentityActivateUser")
            .WithSummary("Re-activate a deactivated user (admin only)")
            .ProducesError(StatusCodes.Status404NotFound);
    }
}
