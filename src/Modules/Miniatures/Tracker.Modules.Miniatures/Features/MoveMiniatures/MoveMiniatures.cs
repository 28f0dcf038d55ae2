using System.Diagnostics.Metrics;
using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Miniatures.Contracts;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.MoveMiniatures;

internal sealed record MoveMiniaturesRequest(Stage FromStage, Stage ToStage, int Qty);

/// <param name="ExpectedVersion">From If-Match: move only if the type is still at this version.</param>
internal sealed record MoveMiniaturesCommand(Guid TypeId, Stage FromStage, Stage ToStage, int Qty, long? ExpectedVersion = null) : ICommand<Result<TypeResponse>>;

internal sealed class MoveMiniaturesCommandHandler(MiniaturesDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<MoveMiniaturesCommand, Result<TypeResponse>>
{
    private static readonly Counter<long> Moved = MiniaturesModule.Meter.CreateCounter<long>("tracker.miniatures.moved", "{miniature}", "Miniatures moved between stages, by source and target stage.");

    /// <summary>
    /// Checks the request against the pipeline's rules, then moves atomically (see <see cref="StageMoves"/>),
    /// publishing <see cref="MiniaturesMoved"/> in the move's own transaction when the miniatures move.
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

        var now = Timestamps.Normalize(clock.GetUtcNow());
        var announcement = new MiniaturesMoved(Guid.CreateVersion7(now), now, command.TypeId, command.FromStage.Code(), command.ToStage.Code(), command.Qty, currentUser.Id);
        var outcome = await db.MoveAsync(command.TypeId, command.FromStage, command.ToStage, command.Qty, command.ExpectedVersion, announcement, cancellationToken);
        if (outcome is null)
        {
            return MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
        }

        if (!outcome.Moved)
        {
            // Read again: the statement's own view of the other rows may predate the move that beat it.
            var current = await TypeReader.FindAsync(db, command.TypeId, cancellationToken);
            if (current is null)
            {
                return MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
            }

            if (command.ExpectedVersion is { } expected && current.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(current);
            }

            var held = current.Counts[command.FromStage];
            return MiniaturesErrors.InsufficientQty.WithDetail(command.FromStage.Code(), held, command.Qty)
                .WithExtension("available", held).WithExtension("requested", command.Qty);
        }
        Moved.Add(command.Qty, new("tracker.miniatures.from_stage", command.FromStage.Code()), new("tracker.miniatures.to_stage", command.ToStage.Code()));
        return TypeReader.From(outcome.Type);
    }
}

internal sealed class MoveMiniaturesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/types/{id}/move", async Task<Results<Ok<TypeResponse>, ProblemHttpResult>> (Guid id, MoveMiniaturesRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new MoveMiniaturesCommand(id, request.FromStage, request.ToStage, request.Qty, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Move miniatures forward from one stage to a later one")
            .WithDescription("Answers the type's new counts. Fails with ERR_INSUFFICIENT_QTY (with `available`) when the source holds fewer than `qty`, ERR_INVALID_STAGE_TRANSITION when `toStage` is not later than `fromStage`, ERR_INVALID_QTY when `qty` is out of range.")
            .ProducesError(StatusCodes.Status404NotFound);
}
