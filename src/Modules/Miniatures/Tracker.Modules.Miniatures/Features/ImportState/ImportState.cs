using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>What an import changed (or, in a dry run, would change).</summary>
internal sealed record ImportSummary(bool DryRun, int TypesCreated, int TypesMerged, int HistoryEntriesAdded, long MiniaturesAdded);

internal sealed record ImportStateCommand(ImportPlan Plan, bool DryRun) : ICommand<Result<ImportSummary>>;

internal sealed class ImportStateCommandHandler(MiniaturesDbContext db, TimeProvider clock) : ICommandHandler<ImportStateCommand, Result<ImportSummary>>
{
    /// <summary>History rows saved per round trip: the change tracker holds no more than this many at a time.</summary>
    private const int HistoryBatchSize = 2_000;

    /// <summary>
    /// All or nothing: the document was checked completely before anything is written (<see cref="ImportDocumentReader"/>),
    /// and the writes share one transaction. Types merge by name: counts add up, history is appended.
    /// </summary>
    public async ValueTask<Result<ImportSummary>> Handle(ImportStateCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var plan = command.Plan;
        var problems = new List<ImportProblem>();

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var names = plan.Types.Select(t => MiniatureType.Normalize(t.Name)).ToList();
        var existing = await db.Types.AsNoTracking().Include(t => t.Counts)
            .Where(t => names.Contains(t.NormalizedName))
            .ToDictionaryAsync(t => t.NormalizedName, cancellationToken);
        var wantedIds = plan.Types.Where(t => t.Id is not null).Select(t => t.Id!.Value).ToList();
        var takenIds = (await db.Types.Where(t => wantedIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();

        int created = 0, merged = 0, entries = 0;
        long miniatures = 0;
        var additions = new List<(Guid TypeId, Stage Stage, int Added)>();
        var typeIds = new Guid[plan.Types.Count];
        for (var i = 0; i < plan.Types.Count; i++)
        {
            var planned = plan.Types[i];
            if (existing.TryGetValue(MiniatureType.Normalize(planned.Name), out var type))
            {
                // Merged counts are added in the database (count = count + n), never written back as totals, so
                // moves that commit meanwhile are not overwritten.
                merged++;
                if (type.Counts.Sum(c => (long)c.Count) + planned.Counts.Sum() > Quantities.MaxPerType)
                {
                    problems.Add(new ImportProblem($"{planned.Path}.counts", ImportMessages.MergedTypeTooFull));
                }

                additions.AddRange(Stages.All.Where(stage => planned.Counts[(int)stage] > 0)
                    .Select(stage => (type.Id, stage, planned.Counts[(int)stage])));
            }
            else
            {
                var id = planned.Id is { } wanted && takenIds.Add(wanted) ? wanted : (Guid?)null;
                type = MiniatureType.Create(planned.Name, planned.CreatedAt ?? now, id);
                foreach (var count in type.Counts)
                {
                    count.Count = planned.Counts[(int)count.Stage];
                }

                if (!command.DryRun)
                {
                    db.Types.Add(type);
                }

                created++;
            }

            typeIds[i] = type.Id;
            miniatures += planned.Counts.Sum(c => (long)c);
            entries += planned.HistoryCount;
        }

        if (problems.Count > 0)
        {
            return ImportProblem.Reject(problems);
        }

        var summary = new ImportSummary(command.DryRun, created, merged, entries, miniatures);
        if (command.DryRun)
        {
            return summary; // the transaction rolls back untouched
        }

        // A merge changes the type: its version (ETag) moves, before its counts, like every other count change.
        var mergedIds = existing.Values.Select(t => t.Id).ToList();
        if (mergedIds.Count > 0)
        {
            await db.Types.Where(t => mergedIds.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
        }

        foreach (var (typeId, stage, added) in additions)
        {
            await db.PutAsync(typeId, stage, added, cancellationToken);
        }

        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return MiniaturesErrors.TypeNameTaken.WithDetail(string.Join(", ", plan.Types.Select(t => t.Name).Take(3)));
        }

        await AppendHistoryAsync(plan, typeIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    /// <summary>
    /// Each type's entries oldest first (ids then follow time), saved in batches inside the import's transaction and
    /// let go after each batch, so memory does not grow with the document.
    /// </summary>
    private async Task AppendHistoryAsync(ImportPlan plan, Guid[] typeIds, CancellationToken cancellationToken)
    {
        SortOldestFirst(plan);
        var batch = new List<HistoryEntry>(HistoryBatchSize);
        for (var i = 0; i < plan.Types.Count; i++)
        {
            var planned = plan.Types[i];
            for (var j = planned.HistoryStart; j < planned.HistoryStart + planned.HistoryCount; j++)
            {
                var entry = plan.History[j];
                batch.Add(HistoryEntry.Record(typeIds[i], entry.FromStage, entry.ToStage, entry.Qty, entry.At));
                if (batch.Count == HistoryBatchSize)
                {
                    await SaveBatchAsync(batch, cancellationToken);
                }
            }
        }

        await SaveBatchAsync(batch, cancellationToken);
    }

    private async Task SaveBatchAsync(List<HistoryEntry> batch, CancellationToken cancellationToken)
    {
        db.History.AddRange(batch);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in batch)
        {
            db.Entry(entry).State = EntityState.Detached;
        }

        batch.Clear();
    }

    private static void SortOldestFirst(ImportPlan plan)
    {
        var history = CollectionsMarshal.AsSpan(plan.History);
        foreach (var type in plan.Types)
        {
            var entries = history.Slice(type.HistoryStart, type.HistoryCount);
            if (!IsOldestFirst(entries))
            {
                // Stable, so entries of the same moment keep the document's order.
                PlannedEntry[] sorted = [.. entries.ToArray().OrderBy(e => e.AtUtcTicks)];
                sorted.CopyTo(entries);
            }
        }
    }

    private static bool IsOldestFirst(ReadOnlySpan<PlannedEntry> entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            if (entries[i].AtUtcTicks < entries[i - 1].AtUtcTicks)
            {
                return false;
            }
        }

        return true;
    }

}

internal sealed class ImportStateEndpoint : ICarterModule
{
    /// <summary>Room for tens of thousands of types with years of history.</summary>
    private const long MaxDocumentBytes = 64L * 1024 * 1024;

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/import", async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> (HttpRequest request, ISender sender, TimeProvider clock, CancellationToken cancellationToken, bool dryRun = false) =>
            {
                // Read and checked as it arrives; the document is never held whole.
                var (plan, problems) = await ImportDocumentReader.ReadAsync(request.Body, clock.GetUtcNow(), cancellationToken);
                if (plan is null)
                {
                    return ImportProblem.Reject(problems).ToProblem();
                }

                var result = await sender.Send(new ImportStateCommand(plan, dryRun), cancellationToken);
                return result.ToHttp(TypedResults.Ok);
            })
            .Accepts<ImportDocumentSchema>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxDocumentBytes))
            .RequireAuthorization(TrackerPolicies.Admin)
            .SupportsIdempotency()
            .WithSummary("Import an export document: all or nothing, merging types by name (admin only)")
            .WithDescription("Counts of same-named types add up and history is appended. Any problem answers ERR_IMPORT_INVALID, its `errors` naming each bad field by its path (`types[0].name`), and changes nothing. `dryRun=true` reports what would change without changing it. The document is read as it arrives, in bounded memory.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
}
