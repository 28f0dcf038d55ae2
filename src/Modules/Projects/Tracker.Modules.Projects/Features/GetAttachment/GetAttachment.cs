using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetAttachment;

internal sealed record GetAttachmentQuery(Guid AttachmentId) : IQuery<Result<AttachmentResponse>>;

internal sealed class GetAttachmentQueryHandler(ProjectsDbContext db) : IQueryHandler<GetAttachmentQuery, Result<AttachmentResponse>>
{
    public async ValueTask<Result<AttachmentResponse>> Handle(GetAttachmentQuery query, CancellationToken cancellationToken) =>
        await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AttachmentId, cancellationToken) is { } attachment
            ? AttachmentResponse.From(attachment)
            : ProjectsErrors.AttachmentNotFound.WithDetail(query.AttachmentId);
}

internal sealed class GetAttachmentEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/attachments/{id}", async Task<Results<Ok<AttachmentResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetAttachmentQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("An attachment's description: name, type, size, SHA-256, who uploaded it and when")
            .ProducesError(StatusCodes.Status404NotFound);
}
