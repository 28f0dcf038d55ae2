using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.GetTypeHistory;

internal sealed record GetTypeHistoryQuery : PageQuery<HistoryPosition>, IQuery<Result<CursorPage<HistoryGroup>>>
{
    [FromRoute(Name = "id")]
    public Guid TypeId { get; init; }
}

internal sealed class GetTypeHistoryQueryHandler(MiniaturesDbContext db) : IQueryHandler<GetTypeHistoryQuery, Result<CursorPage<HistoryGroup>>>
{
    public async ValueTask<Result<CursorPage<HistoryGroup>>> Handle(GetTypeHistoryQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Types.AnyAsync(t => t.Id == query.TypeId, cancellationToken))
        {
            return MiniaturesErrors.TypeNotFound.WithDetail(query.TypeId);
        }

        return await HistoryPages.ReadAsync(db, db.History.Where(h => h.TypeId == query.TypeId), query, cancellationToken);
    }
}

internal sealed class GetTypeHistoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/types/{id}/history", async Task<Results<Ok<CursorPage<HistoryGroup>>, ProblemHttpResult>> ([AsParameters] GetTypeHistoryQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("Grouped history of one type, newest first, paged by cursor")
            .ProducesError(StatusCodes.Status404NotFound);
}
