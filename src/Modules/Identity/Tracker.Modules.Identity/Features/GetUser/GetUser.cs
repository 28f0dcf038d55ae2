using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.GetUser;

internal sealed record GetUserQuery(Guid UserId) : IQuery<Result<UserResponse>>;

internal sealed class GetUserQueryHandler(IdentityDbContext db) : IQueryHandler<GetUserQuery, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(GetUserQuery query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UserId, cancellationToken) is { } user
            ? user.ToResponse()
            : IdentityErrors.UserNotFound.WithDetail(query.UserId);
}

internal sealed class GetUserEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/users/{id}", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetUserQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("One user account (admin only)")
            .ProducesError(StatusCodes.Status404NotFound);
}
