using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ExportState;

internal sealed record ExportStateQuery : IQuery<ExportDocument>;

internal sealed class ExportStateQueryHandler(MiniaturesDbContext db, TimeProvider clock) : IQueryHandler<ExportStateQuery, ExportDocument>
{
    public async ValueTask<ExportDocument> Handle(ExportStateQuery query, CancellationToken cancellationToken)
    {
        // One snapshot: counts and history must describe the same moment.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var types = await TypeReader.ReadAsync(db, nameContains: null, cancellationToken);
        var history = (await db.History.AsNoTracking()
                .OrderBy(h => h.CreatedAt).ThenBy(h => h.Id)
                .Select(h => new { h.TypeId, Entry = new ExportedHistoryEntry(h.FromStage, h.ToStage, h.Qty, h.CreatedAt) })
                .ToListAsync(cancellationToken))
            .ToLookup(h => h.TypeId, h => h.Entry);
        await transaction.CommitAsync(cancellationToken);

        return new ExportDocument(
            ExportDocument.FormatName,
            ExportDocument.CurrentVersion,
            clock.GetUtcNow(),
            [.. types.Select(t => new ExportedType(t.Id, t.Name, t.CreatedAt, t.Counts, [.. history[t.Id]]))]);
    }
}

internal sealed class ExportStateEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/export", async Task<Ok<ExportDocument>> (ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            {
                var document = await sender.Send(new ExportStateQuery(), cancellationToken);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"miniatures-{document.ExportedAt:yyyyMMdd-HHmmss}.json\"";
                return TypedResults.Ok(document);
            })
            .WithSummary("Export every type, its counts and its raw history as one versioned JSON document");
}
