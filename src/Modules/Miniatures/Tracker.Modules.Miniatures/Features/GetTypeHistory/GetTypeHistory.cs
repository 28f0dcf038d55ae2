using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.GetTypeHistory;

internal sealed record GetTypeHistoryQuery(Guid TypeId, int Limit, string? Cursor) : IQuery<Result<HistoryPageResponse>>, IHistoryPageQuery;

internal sealed class GetTypeHistoryQueryValidator : AbstractValidator<GetTypeHistoryQuery>
{
    public GetTypeHistoryQueryValidator() => Include(new HistoryPageValidator());
}

internal sealed class GetTypeHistoryQueryHandler(MiniaturesDbContext db) : IQueryHandler<GetTypeHistoryQuery, Result<HistoryPageResponse>>
{
    public async ValueTask<Result<HistoryPageResponse>> Handle(GetTypeHistoryQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Types.AnyAsync(t => t.Id == query.TypeId, cancellationToken))
        {
            return MiniaturesErrors.TypeNotFound.WithDetail(query.TypeId);
        }

        return await HistoryPages.ReadAsync(db, db.History.Where(h => h.TypeId == query.TypeId), query.Limit, query.Cursor, cancellationToken);
    }
}

internal sealed class GetTypeHistoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/types/{id:guid}/history", async Task<Results<Ok<HistoryPageResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken, int limit = 50, string? cursor = null) =>
                (await sender.Send(new GetTypeHistoryQuery(id, limit, cursor), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("Grouped history of one type, newest first, paged by cursor")
            .ProducesError(StatusCodes.Status404NotFound);
}
