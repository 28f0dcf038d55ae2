using Mapster;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.ListUsers;

/// <summary>Where a page of users ends. Normalized usernames are unique, so they alone order the list totally.</summary>
internal sealed record UserPosition(string NormalizedUsername);

internal sealed record ListUsersQuery : PageQuery<UserPosition>, IQuery<CursorPage<UserResponse>>
{
    /// <summary>Only users with this role.</summary>
    [FromQuery(Name = "role")]
    public Role? Role { get; init; }

    /// <summary>Only active (true) or deactivated (false) users.</summary>
    [FromQuery(Name = "active")]
    public bool? Active { get; init; }

    /// <summary>Part of the username or display name, any case.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }
}

internal sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Role).KnownRole();
        RuleFor(q => q.Search).MaximumLength(User.UsernameMaxLength).SafeText();
    }
}

internal sealed class ListUsersQueryHandler(IdentityDbContext db) : IQueryHandler<ListUsersQuery, CursorPage<UserResponse>>
{
    public async ValueTask<CursorPage<UserResponse>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (query.Role is { } role)
        {
            users = users.Where(u => u.Role == role);
        }

        if (query.Active is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedUsername.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }

        if (query.After() is { } after)
        {
            users = users.Where(u => string.Compare(u.NormalizedUsername, after.NormalizedUsername) > 0);
        }

        var rows = await users
            .OrderBy(u => u.NormalizedUsername)
            .Take(query.Take + 1)
            .ProjectToType<UserResponse>(IdentityMappings.Config)
            .ToListAsync(cancellationToken);
        return CursorPage<UserResponse>.From(rows, query.Take, last => new UserPosition(User.Normalize(last.Username)));
    }
}

internal sealed class ListUsersEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/users", async Task<Ok<CursorPage<UserResponse>>> ([AsParameters] ListUsersQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("List users A–Z by username, filtered, paged by cursor (admin only)");
}
