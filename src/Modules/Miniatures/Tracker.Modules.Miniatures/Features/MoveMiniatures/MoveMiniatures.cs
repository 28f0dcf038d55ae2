using System.Diagnostics.Metrics;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.MoveMiniatures;

internal sealed record MoveMiniaturesRequest(Stage FromStage, Stage ToStage, int Qty);

internal sealed record MoveMiniaturesCommand(Guid TypeId, Stage FromStage, Stage ToStage, int Qty) : ICommand<Result<TypeResponse>>;

internal sealed class MoveMiniaturesCommandHandler(MiniaturesDbContext db, TimeProvider clock) : ICommandHandler<MoveMiniaturesCommand, Result<TypeResponse>>
{
    private static readonly Counter<long> Moved = MiniaturesModule.Meter.CreateCounter<long>("tracker.miniatures.moved", description: "Miniatures moved between stages.");

    /// <summary>
    /// Takes from the source only if it holds enough (one conditional UPDATE), puts into the target and appends the
    /// history row, all in one transaction. Rows are always locked source-first and sources precede targets in the
    /// pipeline, so concurrent moves cannot deadlock.
    /// </summary>
    public async ValueTask<Result<TypeResponse>> Handle(MoveMiniaturesCommand command, CancellationToken cancellationToken)
    {
        if (!Quantities.IsValid(command.Qty))
        {
            return MiniaturesErrors.InvalidQty;
        }

        if (!Stages.CanMove(command.FromStage, command.ToStage))
        {
            return MiniaturesErrors.InvalidStageTransition.WithDetail(command.FromStage.Code(), command.ToStage.Code());
        }

        // Nothing is retried inside this transaction, so SaveChanges needs no savepoint (a round trip saved).
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.TryTakeAsync(command.TypeId, command.FromStage, command.Qty, cancellationToken))
        {
            var available = await db.CountAsync(command.TypeId, command.FromStage, cancellationToken);
            return available is { } held
                ? MiniaturesErrors.InsufficientQty.WithDetail(command.FromStage.Code(), held, command.Qty)
                    .WithExtension("available", held).WithExtension("requested", command.Qty)
                : MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
        }

        await db.PutAsync(command.TypeId, command.ToStage, command.Qty, cancellationToken);
        db.History.Add(HistoryEntry.Record(command.TypeId, command.FromStage, command.ToStage, command.Qty, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        var type = await TypeReader.FindAsync(db, command.TypeId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Moved.Add(command.Qty);
        return type!;
    }
}

internal sealed class MoveMiniaturesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        MiniaturesRoutes.Group(app).MapPost("/types/{id:guid}/move", async Task<Results<Ok<TypeResponse>, ProblemHttpResult>> (Guid id, MoveMiniaturesRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new MoveMiniaturesCommand(id, request.FromStage, request.ToStage, request.Qty), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("MiniaturesMove")
            .WithSummary("Move miniatures forward from one stage to a later one")
            .WithDescription("Answers the type's new counts. Fails with ERR_INSUFFICIENT_QTY (with `available`) when the source holds fewer than `qty`, ERR_INVALID_STAGE_TRANSITION when `toStage` is not later than `fromStage`, ERR_INVALID_QTY when `qty` is out of range.")
            .ProducesError(StatusCodes.Status404NotFound);
}
