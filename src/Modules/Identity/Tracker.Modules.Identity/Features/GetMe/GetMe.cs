using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.GetMe;

internal sealed record GetMeQuery : IQuery<Result<UserResponse>>;

internal sealed class GetMeQueryHandler(IdentityDbContext db, ICurrentUser currentUser) : IQueryHandler<GetMeQuery, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == currentUser.Id, cancellationToken);
        return user is null ? IdentityErrors.UserNotFound.WithDetail(currentUser.Id) : user.ToResponse();
    }
}

internal sealed class GetMeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/me", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetMeQuery(), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("The signed-in user's account")
            .ProducesError(StatusCodes.Status404NotFound);
}
