using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.ActivateUser;

internal sealed record ActivateUserCommand(Guid UserId) : ICommand<Result<UserResponse>>;

internal sealed class ActivateUserCommandHandler(IdentityDbContext db, UserSessionValidator sessions)
    : ICommandHandler<ActivateUserCommand, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(ActivateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound.WithDetail(command.UserId);
        }

        user.SetActive(true);
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(user.Id);
        return user.ToResponse();
    }
}

internal sealed class ActivateUserEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/users/{id}/activate", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ActivateUserCommand(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("Re-activate a deactivated user (admin only)")
            .ProducesError(StatusCodes.Status404NotFound);
}
