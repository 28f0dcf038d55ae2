using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListManagers;

/// <summary>Where a page of managers ends: names may repeat, so the id breaks ties.</summary>
internal sealed record ManagerPosition(string Name, Guid Id);

internal sealed record ListManagersQuery : PageQuery<ManagerPosition>, IQuery<CursorPage<ManagerResponse>>
{
    /// <summary>Only active (true) or deactivated (false) managers.</summary>
    [FromQuery(Name = "active")]
    public bool? Active { get; init; }

    /// <summary>Part of the name or e-mail, any case.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }
}

internal sealed class ListManagersQueryValidator : AbstractValidator<ListManagersQuery>
{
    public ListManagersQueryValidator() => RuleFor(q => q.Search).MaximumLength(ProjectManager.NameMaxLength).SafeText();
}

internal sealed class ListManagersQueryHandler(ProjectsDbContext db) : IQueryHandler<ListManagersQuery, CursorPage<ManagerResponse>>
{
    public async ValueTask<CursorPage<ManagerResponse>> Handle(ListManagersQuery query, CancellationToken cancellationToken)
    {
        var managers = db.Managers.AsNoTracking();
        if (query.Active is { } active)
        {
            managers = managers.Where(m => m.IsActive == active);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            managers = managers.Where(m => m.Name.ToUpper().Contains(term) || (m.Email != null && m.Email.ToUpper().Contains(term)));
        }

        if (query.After() is { } after)
        {
            var (name, id) = (after.Name, after.Id);
            managers = managers.Where(m => string.Compare(m.Name, name) > 0 || (m.Name == name && m.Id.CompareTo(id) > 0));
        }

        var rowsToRead = query.Take + 1;
        var rows = await managers.OrderBy(m => m.Name).ThenBy(m => m.Id).Take(rowsToRead).ToListAsync(cancellationToken);
        return CursorPage<ManagerResponse>.From(rows.ConvertAll(ManagerResponse.From), query.Take, last => new ManagerPosition(last.Name, last.Id));
    }
}

internal sealed class ListManagersEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/managers", async Task<Ok<CursorPage<ManagerResponse>>> ([AsParameters] ListManagersQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("Project managers by name, paged by cursor");
}
