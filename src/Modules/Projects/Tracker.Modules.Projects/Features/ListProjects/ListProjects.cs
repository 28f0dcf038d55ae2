using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListProjects;

// Members spelled as on the wire: query binding parses enums by member name (see WorkStatus).

/// <summary>How the project list is ordered; the (unique) code breaks every tie.</summary>
[JsonConverter(typeof(StrictEnumConverter))]
internal enum ProjectSort : short
{
    code = 0,
    name = 1,
    plannedEnd = 2,
    createdAt = 3,
}

/// <summary>Where a page of projects ends, in the order it was read: its sort key and its folded code.</summary>
internal sealed record ProjectPosition(ProjectSort Sort, bool Descending, string? Name, DateOnly? PlannedEnd, DateTimeOffset? CreatedAt, string NormalizedCode);

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

    /// <summary>Only projects planned to start on or after this day.</summary>
    [FromQuery(Name = "plannedStartFrom")]
    public DateOnly? PlannedStartFrom { get; init; }

    /// <summary>Only projects planned to start on or before this day.</summary>
    [FromQuery(Name = "plannedStartTo")]
    public DateOnly? PlannedStartTo { get; init; }

    /// <summary>Only projects planned to end on or after this day.</summary>
    [FromQuery(Name = "plannedEndFrom")]
    public DateOnly? PlannedEndFrom { get; init; }

    /// <summary>Only projects planned to end on or before this day.</summary>
    [FromQuery(Name = "plannedEndTo")]
    public DateOnly? PlannedEndTo { get; init; }

    /// <summary>True: only active projects whose planned end has passed without an actual end.</summary>
    [FromQuery(Name = "overdue")]
    public bool? Overdue { get; init; }

    /// <summary>The order (default code); projects without a planned end come last by planned end.</summary>
    [FromQuery(Name = "sort")]
    public ProjectSort? Sort { get; init; }

    /// <summary>True: the order reversed.</summary>
    [FromQuery(Name = "descending")]
    public bool? Descending { get; init; }

    /// <summary>A cursor continues the order it was issued for, and no other.</summary>
    protected override bool Continues(ProjectPosition position) =>
        position.Sort == (Sort ?? ProjectSort.code) && position.Descending == (Descending ?? false);
}

internal sealed class ListProjectsQueryValidator : AbstractValidator<ListProjectsQuery>
{
    public ListProjectsQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(Project.NameMaxLength).SafeText();
        RuleFor(q => q.PlannedStartTo).NotBefore(q => q.PlannedStartFrom);
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

        if (query.PlannedStartFrom is { } startFrom)
        {
            projects = projects.Where(p => p.PlannedStart >= startFrom);
        }

        if (query.PlannedStartTo is { } startTo)
        {
            projects = projects.Where(p => p.PlannedStart <= startTo);
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

        var sort = query.Sort ?? ProjectSort.code;
        var descending = query.Descending ?? false;
        if (query.After() is { } after)
        {
            projects = projects.After(after);
        }

        var rowsToRead = query.Take + 1;
        var withProgress = await projects.Ordered(sort, descending).Take(rowsToRead).WithProgressAsync(db, cancellationToken);
        return CursorPage<ProjectResponse>.From(
            withProgress.ConvertAll(p => ProjectResponse.From(p.Project, p.Summary)),
            query.Take,
            last => new ProjectPosition(sort, descending, last.Name, last.PlannedEnd, last.CreatedAt, Project.NormalizeCode(last.Code)));
    }
}

/// <summary>The orders of the project list and where a page of each ends (keyset paging: no row twice, none missed).</summary>
internal static class ProjectOrders
{
    /// <summary>Projects without a planned end sort as if it were the last day.</summary>
    private static readonly DateOnly NoEnd = DateOnly.MaxValue;

    public static IQueryable<Project> Ordered(this IQueryable<Project> projects, ProjectSort sort, bool descending) => (sort, descending) switch
    {
        (ProjectSort.name, false) => projects.OrderBy(p => p.Name).ThenBy(p => p.NormalizedCode),
        (ProjectSort.name, true) => projects.OrderByDescending(p => p.Name).ThenByDescending(p => p.NormalizedCode),
        (ProjectSort.plannedEnd, false) => projects.OrderBy(p => p.PlannedEnd ?? NoEnd).ThenBy(p => p.NormalizedCode),
        (ProjectSort.plannedEnd, true) => projects.OrderByDescending(p => p.PlannedEnd ?? NoEnd).ThenByDescending(p => p.NormalizedCode),
        (ProjectSort.createdAt, false) => projects.OrderBy(p => p.CreatedAt).ThenBy(p => p.NormalizedCode),
        (ProjectSort.createdAt, true) => projects.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.NormalizedCode),
        (_, false) => projects.OrderBy(p => p.NormalizedCode),
        (_, true) => projects.OrderByDescending(p => p.NormalizedCode),
    };

    public static IQueryable<Project> After(this IQueryable<Project> projects, ProjectPosition after)
    {
        var code = after.NormalizedCode;
        var name = after.Name ?? string.Empty;
        var plannedEnd = after.PlannedEnd ?? NoEnd;
        var createdAt = after.CreatedAt ?? DateTimeOffset.MinValue;
        return (after.Sort, after.Descending) switch
        {
            (ProjectSort.name, false) => projects.Where(p => string.Compare(p.Name, name) > 0 || (p.Name == name && string.Compare(p.NormalizedCode, code) > 0)),
            (ProjectSort.name, true) => projects.Where(p => string.Compare(p.Name, name) < 0 || (p.Name == name && string.Compare(p.NormalizedCode, code) < 0)),
            (ProjectSort.plannedEnd, false) => projects.Where(p => (p.PlannedEnd ?? NoEnd) > plannedEnd || ((p.PlannedEnd ?? NoEnd) == plannedEnd && string.Compare(p.NormalizedCode, code) > 0)),
            (ProjectSort.plannedEnd, true) => projects.Where(p => (p.PlannedEnd ?? NoEnd) < plannedEnd || ((p.PlannedEnd ?? NoEnd) == plannedEnd && string.Compare(p.NormalizedCode, code) < 0)),
            (ProjectSort.createdAt, false) => projects.Where(p => p.CreatedAt > createdAt || (p.CreatedAt == createdAt && string.Compare(p.NormalizedCode, code) > 0)),
            (ProjectSort.createdAt, true) => projects.Where(p => p.CreatedAt < createdAt || (p.CreatedAt == createdAt && string.Compare(p.NormalizedCode, code) < 0)),
            (_, false) => projects.Where(p => string.Compare(p.NormalizedCode, code) > 0),
            (_, true) => projects.Where(p => string.Compare(p.NormalizedCode, code) < 0),
        };
    }
}

internal sealed class ListProjectsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects", async Task<Ok<CursorPage<ProjectResponse>>> ([AsParameters] ListProjectsQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("Projects with their progress, filtered, sorted (code, name, plannedEnd, createdAt), paged by cursor");
}
