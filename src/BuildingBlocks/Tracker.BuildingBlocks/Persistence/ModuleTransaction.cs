using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// A handler's transaction that joins one already open on its DbContext instead of failing. The request-level
/// transaction of an Idempotency-Key request (which stores the answer in the same commit as the write) is the
/// one joined: the handler's commit is then left to its owner, and its writes commit or roll back with the answer.
/// </summary>
public sealed class ModuleTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _owned;

    private ModuleTransaction(IDbContextTransaction? owned) => _owned = owned;

    /// <summary>True when this call began the transaction (nothing was open); false when it joined one.</summary>
    public bool IsOwner => _owned is not null;

    public Task CommitAsync(CancellationToken cancellationToken) =>
        _owned?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    internal static async Task<ModuleTransaction> BeginOrJoinAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        database.CurrentTransaction is not null
            ? new ModuleTransaction(null)
            : new ModuleTransaction(await database.BeginTransactionAsync(cancellationToken));
}

public static class ModuleTransactions
{
    /// <summary>Begins a transaction, or joins the one already open on this context (see <see cref="ModuleTransaction"/>).</summary>
    public static Task<ModuleTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        ModuleTransaction.BeginOrJoinAsync(database, cancellationToken);
}
