using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListSubtasks;

/// <summary>Where a page of subtasks ends: they are in the step's order.</summary>
internal sealed record SubtaskPosition(int Position, Guid Id);

internal sealed record ListSubtasksQuery : PageQuery<SubtaskPosition>, IQuery<Result<CursorPage<SubtaskResponse>>>
{
    [FromRoute(Name = "id")]
    public Guid StepId { get; init; }

    [FromQuery(Name = "status")]
    public WorkStatus? Status { get; init; }

    /// <summary>Part of the name, any case.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }
}

internal sealed class ListSubtasksQueryValidator : AbstractValidator<ListSubtasksQuery>
{
    public ListSubtasksQueryValidator() => RuleFor(q => q.Search).MaximumLength(Work.NameMaxLength).SafeText();
}

internal sealed class ListSubtasksQueryHandler(ProjectsDbContext db) : IQueryHandler<ListSubtasksQuery, Result<CursorPage<SubtaskResponse>>>
{
    public async ValueTask<Result<CursorPage<SubtaskResponse>>> Handle(ListSubtasksQuery query, CancellationToken cancellationToken)
    {
        var stepId = query.StepId;
        var subtasks = db.Subtasks.AsNoTracking().Where(t => t.StepId == stepId);
        if (query.Status is { } status)
        {
            subtasks = subtasks.Where(t => t.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            subtasks = subtasks.Where(t => t.Name.ToUpper().Contains(term));
        }

        if (query.After() is { } after)
        {
            var (position, id) = (after.Position, after.Id);
            subtasks = subtasks.Where(t => t.Position > position || (t.Position == position && t.Id.CompareTo(id) > 0));
        }

        var rows = await subtasks.OrderBy(t => t.Position).ThenBy(t => t.Id).Take(query.Take + 1)
            .Select(SubtaskResponse.Projection).ToListAsync(cancellationToken);
        if (rows.Count == 0 && !await db.Steps.AnyAsync(s => s.Id == stepId, cancellationToken))
        {
            return ProjectsErrors.StepNotFound.WithDetail(query.StepId);
        }

        return CursorPage<SubtaskResponse>.From(rows, query.Take, last => new SubtaskPosition(last.Position, last.Id));
    }
}

internal sealed class ListSubtasksEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/steps/{id}/subtasks", async Task<Results<Ok<CursorPage<SubtaskResponse>>, ProblemHttpResult>> ([AsParameters] ListSubtasksQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("A step's subtasks in order, filtered by status and name, paged by cursor")
            .ProducesError(StatusCodes.Status404NotFound);
}
