using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>What an import changed (or, in a dry run, would change).</summary>
internal sealed record ImportSummary(bool DryRun, int TypesCreated, int TypesMerged, int HistoryEntriesAdded, long MiniaturesAdded);

internal sealed record ImportStateCommand(ImportDocument Document, bool DryRun) : ICommand<Result<ImportSummary>>;

internal sealed class ImportStateCommandHandler(MiniaturesDbContext db, TimeProvider clock) : ICommandHandler<ImportStateCommand, Result<ImportSummary>>
{
    /// <summary>
    /// All or nothing: the document is checked completely before anything is written, and the writes share one
    /// transaction. Types merge by name: counts add up, history is appended.
    /// </summary>
    public async ValueTask<Result<ImportSummary>> Handle(ImportStateCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (plan, problems) = ImportPlanner.Plan(command.Document, now);
        if (plan is null)
        {
            return Invalid(problems);
        }

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
        foreach (var planned in plan.Types)
        {
            if (existing.TryGetValue(MiniatureType.Normalize(planned.Name), out var type))
            {
                // Merged counts are added in the database (count = count + n), never written back as totals, so
                // moves that commit meanwhile are not overwritten.
                merged++;
                if (type.Counts.Sum(c => (long)c.Count) + planned.Counts.Sum() > Quantities.MaxPerType)
                {
                    problems.Add(new ImportProblem($"{planned.Path}.counts", $"The merged type would hold more than {Quantities.MaxPerType} miniatures."));
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

                db.Types.Add(type);
                created++;
            }

            miniatures += planned.Counts.Sum(c => (long)c);
            db.History.AddRange(planned.History.OrderBy(h => h.At).Select(h => HistoryEntry.Record(type.Id, h.FromStage, h.ToStage, h.Qty, h.At)));
            entries += planned.History.Count;
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
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

        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    private static Error Invalid(List<ImportProblem> problems) =>
        MiniaturesErrors.ImportInvalid.WithDetail(problems.Count).WithExtension("errors", problems);
}

internal sealed class ImportStateEndpoint : ICarterModule
{
    /// <summary>Room for tens of thousands of types with years of history.</summary>
    private const long MaxDocumentBytes = 64L * 1024 * 1024;

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/import", async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> (HttpRequest request, ISender sender, CancellationToken cancellationToken, bool dryRun = false) =>
            {
                ImportDocument? document;
                try
                {
                    document = await JsonSerializer.DeserializeAsync<ImportDocument>(request.Body, ImportDocument.SerializerOptions, cancellationToken);
                }
                catch (JsonException exception)
                {
                    // Parse errors carry the path but never the document's content.
                    List<ImportProblem> problems = [new(exception.Path ?? "$", "Not valid JSON for an export document.")];
                    return MiniaturesErrors.ImportInvalid.WithDetail(1).WithExtension("errors", problems).ToProblem();
                }

                var result = await sender.Send(new ImportStateCommand(document ?? new ImportDocument(), dryRun), cancellationToken);
                return result.ToHttp(TypedResults.Ok);
            })
            .Accepts<ImportDocumentSchema>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxDocumentBytes))
            .SupportsIdempotency()
            .WithSummary("Import an export document: all or nothing, merging types by name")
            .WithDescription("Counts of same-named types add up and history is appended. Any problem answers ERR_IMPORT_INVALID with the JSON path of each bad element and changes nothing. `dryRun=true` reports what would change without changing it.")
            .ProducesError(StatusCodes.Status409Conflict);
}
