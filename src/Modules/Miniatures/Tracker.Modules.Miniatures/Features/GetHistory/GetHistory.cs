using Tracker.BuildingBlocks.Http.Paging;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.GetHistory;

internal sealed record GetHistoryQuery : PageQuery<HistoryPosition>, IQuery<CursorPage<HistoryGroup>>;

internal sealed class GetHistoryQueryHandler(MiniaturesDbContext db) : IQueryHandler<GetHistoryQuery, CursorPage<HistoryGroup>>
{
    public async ValueTask<CursorPage<HistoryGroup>> Handle(GetHistoryQuery query, CancellationToken cancellationToken) =>
        await HistoryPages.ReadAsync(db, db.History, query, cancellationToken);
}

internal sealed class GetHistoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/history", async Task<Ok<CursorPage<HistoryGroup>>> ([AsParameters] GetHistoryQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("Grouped history of all types, newest first, paged by cursor")
            .WithDescription("Adjacent entries of the same type and the same from→to less than 300 s apart form one group, stamped with its first entry's time.");
}
