using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.GetHistory;

/// <param name="Limit">Groups per page (1–500).</param>
/// <param name="Cursor">From the previous page's nextCursor.</param>
internal sealed record GetHistoryQuery(int Limit = 50, string? Cursor = null) : IQuery<HistoryPageResponse>, IHistoryPageQuery;

internal sealed class GetHistoryQueryValidator : AbstractValidator<GetHistoryQuery>
{
    public GetHistoryQueryValidator() => Include(new HistoryPageValidator());
}

internal sealed class GetHistoryQueryHandler(MiniaturesDbContext db) : IQueryHandler<GetHistoryQuery, HistoryPageResponse>
{
    public async ValueTask<HistoryPageResponse> Handle(GetHistoryQuery query, CancellationToken cancellationToken) =>
        await HistoryPages.ReadAsync(db, db.History, query.Limit, query.Cursor, cancellationToken);
}

internal sealed class GetHistoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/history", async Task<Ok<HistoryPageResponse>> ([AsParameters] GetHistoryQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("Grouped history of all types, newest first, paged by cursor")
            .WithDescription("Adjacent entries of the same type and the same from→to less than 300 s apart form one group, stamped with its first entry's time.");
}
