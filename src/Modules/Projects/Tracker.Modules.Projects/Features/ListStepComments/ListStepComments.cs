using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListStepComments;

/// <summary>Where a page of comments ends: oldest first, the id breaking ties.</summary>
internal sealed record CommentPosition(DateTimeOffset CreatedAt, Guid Id);

internal sealed record ListStepCommentsQuery : PageQuery<CommentPosition>, IQuery<Result<CursorPage<StepCommentResponse>>>
{
    [FromRoute(Name = "id")]
    public Guid StepId { get; init; }
}

internal sealed class ListStepCommentsQueryHandler(ProjectsDbContext db) : IQueryHandler<ListStepCommentsQuery, Result<CursorPage<StepCommentResponse>>>
{
    public async ValueTask<Result<CursorPage<StepCommentResponse>>> Handle(ListStepCommentsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Steps.AnyAsync(s => s.Id == query.StepId, cancellationToken))
        {
            return ProjectsErrors.StepNotFound.WithDetail(query.StepId);
        }

        var stepId = query.StepId;
        var comments = db.StepComments.AsNoTracking().Where(c => c.StepId == stepId);
        if (query.After() is { } after)
        {
            var (at, id) = (after.CreatedAt, after.Id);
            comments = comments.Where(c => c.CreatedAt > at || (c.CreatedAt == at && c.Id.CompareTo(id) > 0));
        }

        var rowsToRead = query.Take + 1;
        var rows = await comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(rowsToRead).ToListAsync(cancellationToken);
        return CursorPage<StepCommentResponse>.From(rows.ConvertAll(StepCommentResponse.From), query.Take, last => new CommentPosition(last.CreatedAt, last.Id));
    }
}

internal sealed class ListStepCommentsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/steps/{id}/comments", async Task<Results<Ok<CursorPage<StepCommentResponse>>, ProblemHttpResult>> ([AsParameters] ListStepCommentsQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("A step's comment thread, oldest first, paged by cursor")
            .ProducesError(StatusCodes.Status404NotFound);
}
