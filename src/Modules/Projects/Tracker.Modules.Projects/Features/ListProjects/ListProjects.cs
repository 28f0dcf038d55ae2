using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListProjects;

/// <summary>Where a page of projects ends: they are ordered by their (unique) folded code.</summary>
internal sealed record ProjectPosition(string NormalizedCode);

internal sealed record ListProjectsQuery : PageQuery<ProjectPosition>, IQuery<CursorPage<ProjectResponse>>
{
    [FromQuery(Name = "categoryId")]
    public Guid? CategoryId { get; init; }

    [FromQuery(Name = "managerId")]
    public Guid? ManagerId { get; init; }

    [FromQuery(Name = "status")]
    public ProjectStatus? Status { get; init; }

    /// <summary>Part of the code, name or description, any case.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }

    /// <summary>Only projects planned to end on or after this day.</summary>
    [FromQuery(Name = "plannedEndFrom")]
    public DateOnly? PlannedEndFrom { get; init; }

    /// <summary>Only projects planned to end on or before this day.</summary>
    [FromQuery(Name = "plannedEndTo")]
    public DateOnly? PlannedEndTo { get; init; }

    /// <summary>True: only active projects whose planned end has passed without an actual end.</summary>
    [FromQuery(Name = "overdue")]
    public bool? Overdue { get; init; }
}

internal sealed class ListProjectsQueryValidator : AbstractValidator<ListProjectsQuery>
{
    public ListProjectsQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(Project.NameMaxLength).SafeText();
        RuleFor(q => q.PlannedEndTo).NotBefore(q => q.PlannedEndFrom);
    }
}

internal sealed class ListProjectsQueryHandler(ProjectsDbContext db, TimeProvider clock) : IQueryHandler<ListProjectsQuery, CursorPage<ProjectResponse>>
{
    public async ValueTask<CursorPage<ProjectResponse>> Handle(ListProjectsQuery query, CancellationToken cancellationToken)
    {
        var projects = db.Projects.AsNoTracking();
        if (query.CategoryId is { } categoryId)
        {
            projects = projects.Where(p => p.CategoryId == categoryId);
        }

        if (query.ManagerId is { } managerId)
        {
            projects = projects.Where(p => p.ManagerId == managerId);
        }

        if (query.Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            projects = projects.Where(p => p.NormalizedCode.Contains(term) || p.Name.ToUpper().Contains(term) || (p.Description != null && p.Description.ToUpper().Contains(term)));
        }

        if (query.PlannedEndFrom is { } from)
        {
            projects = projects.Where(p => p.PlannedEnd >= from);
        }

        if (query.PlannedEndTo is { } to)
        {
            projects = projects.Where(p => p.PlannedEnd <= to);
        }

        if (query.Overdue is { } overdue)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            projects = overdue
                ? projects.Where(p => p.Status == ProjectStatus.active && p.ActualEnd == null && p.PlannedEnd < today)
                : projects.Where(p => !(p.Status == ProjectStatus.active && p.ActualEnd == null && p.PlannedEnd < today));
        }

        if (query.After() is { } after)
        {
            var afterCode = after.NormalizedCode;
            projects = projects.Where(p => string.Compare(p.NormalizedCode, afterCode) > 0);
        }

        var rowsToRead = query.Take + 1;
        var rows = await projects.OrderBy(p => p.NormalizedCode).Take(rowsToRead).ToListAsync(cancellationToken);
        var withProgress = await db.WithProgressAsync(rows, cancellationToken);
        return CursorPage<ProjectResponse>.From(
            withProgress.ConvertAll(p => ProjectResponse.From(p.Project, p.Progress)),
            query.Take,
            last => new ProjectPosition(Project.NormalizeCode(last.Code)));
    }
}

internal sealed class ListProjectsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects", async Task<Ok<CursorPage<ProjectResponse>>> ([AsParameters] ListProjectsQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("Projects by code with their progress, filtered, paged by cursor");
}
