using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ExportState;

internal sealed record ExportStateQuery : IQuery<ExportDocument>;

internal sealed class ExportStateQueryHandler(MiniaturesDbContext db, TimeProvider clock) : IQueryHandler<ExportStateQuery, ExportDocument>
{
    public async ValueTask<ExportDocument> Handle(ExportStateQuery query, CancellationToken cancellationToken)
    {
        // One snapshot: counts and history must describe the same moment.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var types = await ReadTypesAsync(cancellationToken);
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

    /// <summary>
    /// Every type A–Z with its counts. Types and counts are read by two plain queries and joined here: sorting the
    /// types alone costs the database far less than sorting (or pivoting) the five times larger join.
    /// </summary>
    private async Task<List<TypeResponse>> ReadTypesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Types.AsNoTracking()
            .OrderBy(t => t.NormalizedName)
            .Select(t => new { t.Id, t.Name, t.CreatedAt })
            .ToListAsync(cancellationToken);
        var byType = new Dictionary<Guid, int[]>(rows.Count);
        await foreach (var count in db.StageCounts.AsNoTracking().Select(c => new { c.TypeId, c.Stage, c.Count }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!byType.TryGetValue(count.TypeId, out var stages))
            {
                byType[count.TypeId] = stages = new int[Stages.All.Count];
            }

            stages[(int)count.Stage] = count.Count;
        }

        return rows.ConvertAll(t =>
        {
            var stages = byType.GetValueOrDefault(t.Id) ?? new int[Stages.All.Count];
            return TypeReader.Create(t.Id, t.Name, t.CreatedAt, new StageCountsResponse(stages[0], stages[1], stages[2], stages[3], stages[4]));
        });
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
