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
    public async ValueTask<Result<CursorPage<StepResponse>>> Handle(ListStepsQuery query, CancellationToken cancellationToken)
    {
        var projectId = query.ProjectId;
        var steps = db.Steps.AsNoTracking().Where(s => s.ProjectId == projectId);
        if (query.Status is { } status)
        {
            steps = steps.Where(s => s.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Assignee))
        {
            var assignee = query.Assignee.Trim().ToUpperInvariant();
            steps = steps.Where(s => s.Assignee != null && s.Assignee.ToUpper().Contains(assignee));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            steps = steps.Where(s => s.Name.ToUpper().Contains(term) || (s.Description != null && s.Description.ToUpper().Contains(term)));
        }

        if (query.After() is { } after)
        {
            var (position, id) = (after.Position, after.Id);
            steps = steps.Where(s => s.Position > position || (s.Position == position && s.Id.CompareTo(id) > 0));
        }

        // The page of steps with the project's coefficient, then their subtasks: two queries. Subtasks projected
        // into each step's row would repeat the step's columns for every subtask, and EF's shaper for a collection
        // in a projection builds delegates for every row (measured: some 10% of the host's CPU on this path).
        var rows = await steps.OrderBy(s => s.Position).ThenBy(s => s.Id).Take(query.Take + 1)
            .Select(s => new { Step = s, Coefficient = db.Projects.Where(p => p.Id == projectId).Select(p => p.InProgressCoefficient).Single() })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && !await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(query.ProjectId);
        }

        var stepIds = rows.ConvertAll(r => r.Step.Id);
        var subtasks = rows.Count == 0
            ? Enumerable.Empty<Subtask>().ToLookup(t => t.StepId)
            : (await db.Subtasks.AsNoTracking().Where(t => stepIds.Contains(t.StepId)).ToListAsync(cancellationToken)).ToLookup(t => t.StepId);
        return CursorPage<StepResponse>.From(
            rows.ConvertAll(r => StepResponse.From(r.Step, subtasks[r.Step.Id], r.Coefficient)),
            query.Take,
            last => new StepPosition(last.Position, last.Id));
    }
}

internal sealed class ListStepsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects/{id}/steps", async Task<Results<Ok<CursorPage<StepResponse>>, ProblemHttpResult>> ([AsParameters] ListStepsQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("A project's steps in order with their subtasks and progress, filtered, paged by cursor")
            .ProducesError(StatusCodes.Status404NotFound);
}
