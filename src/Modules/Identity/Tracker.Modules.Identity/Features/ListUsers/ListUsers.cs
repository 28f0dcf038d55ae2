using Mapster;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.ListUsers;

/// <param name="Search">Part of the username or display name, any case.</param>
internal sealed record ListUsersQuery(int Page = 1, int PageSize = 20, string? Role = null, bool? Active = null, string? Search = null)
    : IQuery<PagedResponse<UserResponse>>;

internal sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
        RuleFor(q => q.Role).Must(TrackerRoles.IsKnown).When(q => q.Role is not null)
            .WithMessage($"Role must be one of: {string.Join(", ", TrackerRoles.All)}.");
        RuleFor(q => q.Search).MaximumLength(User.UsernameMaxLength);
    }
}

internal sealed class ListUsersQueryHandler(IdentityDbContext db) : IQueryHandler<ListUsersQuery, PagedResponse<UserResponse>>
{
    public async ValueTask<PagedResponse<UserResponse>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (query.Role is not null)
        {
            users = users.Where(u => u.Role == query.Role);
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

        var total = await users.CountAsync(cancellationToken);
        var page = await users
            .OrderBy(u => u.NormalizedUsername)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ProjectToType<UserResponse>(IdentityMappings.Config)
            .ToListAsync(cancellationToken);
        return new PagedResponse<UserResponse>(page, query.Page, query.PageSize, total);
    }
}

internal sealed class ListUsersEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/users", async Task<Ok<PagedResponse<UserResponse>>> ([AsParameters] ListUsersQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("List users, paged and filtered (admin only)");
}
