using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ListAttachments;

/// <summary>Where a page of attachments ends: ids are time-ordered (version 7), so the id alone orders them.</summary>
internal sealed record AttachmentPosition(Guid Id);

internal sealed record ListAttachmentsQuery : PageQuery<AttachmentPosition>, IQuery<Result<CursorPage<AttachmentResponse>>>
{
    /// <summary>The project's files, its steps' included (narrow them with <c>stepId</c>).</summary>
    [FromQuery(Name = "projectId")]
    public Guid ProjectId { get; init; }

    /// <summary>Only the files of this step of the project.</summary>
    [FromQuery(Name = "stepId")]
    public Guid? StepId { get; init; }

    /// <summary>Only the files of the project itself, none of its steps'.</summary>
    [FromQuery(Name = "projectOnly")]
    public bool? ProjectOnly { get; init; }
}

internal sealed class ListAttachmentsQueryHandler(ProjectsDbContext db) : IQueryHandler<ListAttachmentsQuery, Result<CursorPage<AttachmentResponse>>>
{
    /// <summary>Oldest first.</summary>
    public async ValueTask<Result<CursorPage<AttachmentResponse>>> Handle(ListAttachmentsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == query.ProjectId, cancellationToken))
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(query.ProjectId);
        }

        var attachments = db.Attachments.AsNoTracking().Where(a => a.ProjectId == query.ProjectId);
        if (query.StepId is { } stepId)
        {
            attachments = attachments.Where(a => a.StepId == stepId);
        }
        else if (query.ProjectOnly == true)
        {
            attachments = attachments.Where(a => a.StepId == null);
        }

        if (query.After() is { } after)
        {
            attachments = attachments.Where(a => a.Id.CompareTo(after.Id) > 0);
        }

        var rows = await attachments.OrderBy(a => a.Id).Take(query.Take + 1).ToListAsync(cancellationToken);
        return CursorPage<AttachmentResponse>.From(rows.ConvertAll(AttachmentResponse.From), query.Take, last => new AttachmentPosition(last.Id));
    }
}

internal sealed class ListAttachmentsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/attachments", async Task<Results<Ok<CursorPage<AttachmentResponse>>, ProblemHttpResult>> ([AsParameters] ListAttachmentsQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("A project's attachments (its own and its steps'), oldest first, paged by cursor")
            .ProducesError(StatusCodes.Status404NotFound);
}
