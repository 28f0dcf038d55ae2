using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListSteps;

/// <summary>Where a page of steps ends: they are in the project's order.</summary>
internal sealed record StepPosition(int Position, Guid Id);

internal sealed record ListStepsQuery : PageQuery<StepPosition>, IQuery<Result<CursorPage<StepResponse>>>
{
    [FromRoute(Name = "id")]
    public Guid ProjectId { get; init; }

    [FromQuery(Name = "status")]
    public WorkStatus? Status { get; init; }

    /// <summary>Part of the assignee's name, any case.</summary>
    [FromQuery(Name = "assignee")]
    public string? Assignee { get; init; }

    /// <summary>Only the steps given to this manager of the directory.</summary>
    [FromQuery(Name = "assigneeManagerId")]
    public Guid? AssigneeManagerId { get; init; }

    /// <summary>Part of the name or description, any case.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }
}

internal sealed class ListStepsQueryValidator : AbstractValidator<ListStepsQuery>
{
    public ListStepsQueryValidator()
    {
        RuleFor(q => q.Assignee).MaximumLength(Work.AssigneeMaxLength).SafeText();
        RuleFor(q => q.Search).MaximumLength(Work.NameMaxLength).SafeText();
    }
}

internal sealed class ListStepsQueryHandler(ProjectsDbContext db) : IQueryHandler<ListStepsQuery, Result<CursorPage<StepResponse>>>
{
    private sealed record StepRow(Step Step, decimal Coefficient);

    /// <summary>
    /// A page of a project's steps, from its start or after a cursor (position -1 and no id for the start: positions
    /// begin at 0); a filter left null takes no part (EF caches the SQL per combination of null parameters). Compiled
    /// once, as are the subtasks below: building and looking up the expression trees on every request was some 8% of
    /// the host's CPU on this path.
    /// </summary>
    private static readonly Func<ProjectsDbContext, Guid, WorkStatus?, string?, Guid?, string?, int, Guid, int, IAsyncEnumerable<StepRow>> Page =
        EF.CompileAsyncQuery((ProjectsDbContext db, Guid projectId, WorkStatus? status, string? assignee, Guid? assigneeManagerId, string? term, int position, Guid id, int take) => db.Steps.AsNoTracking()
            .Where(s => s.ProjectId == projectId && (s.Position > position || (s.Position == position && s.Id.CompareTo(id) > 0)))
            .Where(s => status == null || s.Status == status)
            .Where(s => assignee == null || (s.Assignee != null && s.Assignee.ToUpper().Contains(assignee)))
            .Where(s => assigneeManagerId == null || s.AssigneeManagerId == assigneeManagerId)
            .Where(s => term == null || s.Name.ToUpper().Contains(term) || (s.Description != null && s.Description.ToUpper().Contains(term)))
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { Step = s, p.InProgressCoefficient })
            .OrderBy(r => r.Step.Position).ThenBy(r => r.Step.Id).Take(take)
            .Select(r => new StepRow(r.Step, r.InProgressCoefficient)));

    private static readonly Func<ProjectsDbContext, Guid[], IAsyncEnumerable<SubtaskResponse>> SubtasksOf =
        EF.CompileAsyncQuery((ProjectsDbContext db, Guid[] stepIds) => db.Subtasks.Where(t => stepIds.Contains(t.StepId)).Select(SubtaskResponse.Projection));

    public async ValueTask<Result<CursorPage<StepResponse>>> Handle(ListStepsQuery query, CancellationToken cancellationToken)
    {
        var projectId = query.ProjectId;
        var after = query.After();
        var rows = await Page(
            db, projectId, query.Status, UpperOrNull(query.Assignee), query.AssigneeManagerId, UpperOrNull(query.Search), after?.Position ?? -1, after?.Id ?? Guid.Empty, query.Take + 1)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && !await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(query.ProjectId);
        }

        // The subtasks in a query of their own: projected into each step's row, they would repeat the step's columns
        // for every subtask, and EF's shaper for a collection in a projection builds delegates for every row
        // (measured: some 10% of the host's CPU on this path).
        var subtasks = SubtaskResponse.ByStep(rows.Count == 0 ? [] : await SubtasksOf(db, [.. rows.Select(r => r.Step.Id)]).ToListAsync(cancellationToken));
        return CursorPage<StepResponse>.From(
            rows.ConvertAll(r => StepResponse.From(r.Step, SubtaskResponse.Of(subtasks, r.Step.Id), r.Coefficient)),
            query.Take,
            last => new StepPosition(last.Position, last.Id));
    }

    /// <summary>A text filter as the query compares it (any case), or null for none.</summary>
    private static string? UpperOrNull(string? filter) => string.IsNullOrWhiteSpace(filter) ? null : filter.Trim().ToUpperInvariant();
}

internal sealed class ListStepsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects/{id}/steps", async Task<Results<Ok<CursorPage<StepResponse>>, ProblemHttpResult>> ([AsParameters] ListStepsQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("A project's steps in order with their subtasks and progress, filtered, paged by cursor")
            .ProducesError(StatusCodes.Status404NotFound);
}
