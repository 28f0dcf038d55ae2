using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.AddPurchase;

internal sealed record AddPurchaseRequest(int Qty);

/// <param name="ExpectedVersion">From If-Match: add only if the type is still at this version.</param>
internal sealed record AddPurchaseCommand(Guid TypeId, int Qty, long? ExpectedVersion = null) : ICommand<Result<TypeResponse>>;

internal sealed class AddPurchaseCommandHandler(MiniaturesDbContext db, TimeProvider clock) : ICommandHandler<AddPurchaseCommand, Result<TypeResponse>>
{
    /// <summary>New miniatures arrive in the box; the history logs them as a move from nowhere.</summary>
    public async ValueTask<Result<TypeResponse>> Handle(AddPurchaseCommand command, CancellationToken cancellationToken)
    {
        if (!Quantities.IsValid(command.Qty))
        {
            return MiniaturesErrors.InvalidQty;
        }

        // Nothing is retried inside this transaction, so SaveChanges needs no savepoint (a round trip saved).
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        if (!await db.TryPurchaseAsync(command.TypeId, command.Qty, command.ExpectedVersion, cancellationToken))
        {
            return await TypeReader.FindAsync(db, command.TypeId, cancellationToken) switch
            {
                null => MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId),
                { } current when command.ExpectedVersion is { } expected && current.Version != expected => ConcurrencyErrors.VersionMismatchWith(current),
                _ => MiniaturesErrors.TypeFull,
            };
        }

        db.History.Add(HistoryEntry.Record(command.TypeId, null, Stage.InBox, command.Qty, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        var type = await TypeReader.FindAsync(db, command.TypeId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return type!;
    }
}

internal sealed class AddPurchaseEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/types/{id}/add", async Task<Results<Ok<TypeResponse>, ProblemHttpResult>> (Guid id, AddPurchaseRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddPurchaseCommand(id, request.Qty, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Add newly bought miniatures to IN_BOX")
            .ProducesError(StatusCodes.Status404NotFound);
}
