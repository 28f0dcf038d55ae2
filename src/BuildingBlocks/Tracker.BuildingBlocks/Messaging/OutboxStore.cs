using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>One module's outbox, as the dispatcher sees it.</summary>
internal interface IOutboxStore
{
    string Module { get; }

    /// <summary>Claims up to <paramref name="batchSize"/> due messages until <paramref name="claimUntil"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int batchSize, DateTime now, DateTime claimUntil, CancellationToken cancellationToken);

    /// <summary>Marks delivered messages processed, in one statement.</summary>
    Task MarkProcessedAsync(IReadOnlyCollection<Guid> ids, DateTime now, CancellationToken cancellationToken);

    Task MarkFailedAsync(Guid id, int attempts, DateTime nextAttemptAt, DateTime? parkedAt, string error, CancellationToken cancellationToken);

    Task PurgeAsync(DateTime processedBefore, CancellationToken cancellationToken);

    Task<OutboxBacklog> GetBacklogAsync(CancellationToken cancellationToken);
}

/// <summary>What waits in one outbox: undelivered messages, the oldest one's time, and parked messages.</summary>
internal sealed record OutboxBacklog(int Pending, DateTime? OldestPending, int Parked);

internal sealed class OutboxStore<TContext>(string module, IServiceScopeFactory scopes) : IOutboxStore
    where TContext : ModuleDbContext
{
    private string? _claimSql;

    public string Module { get; } = module;

    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int batchSize, DateTime now, DateTime claimUntil, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ids = await LockDueAsync(db, transaction.GetDbTransaction(), batchSize, now, ct);
            if (ids.Count == 0)
            {
                await transaction.CommitAsync(ct);
                return (IReadOnlyList<OutboxMessage>)[];
            }

            await db.OutboxMessages.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, claimUntil), ct);
            var claimed = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct);
            await transaction.CommitAsync(ct);
            return claimed.OrderBy(m => m.OccurredAt).ToList();
        }, cancellationToken);
    }

    public async Task MarkProcessedAsync(IReadOnlyCollection<Guid> ids, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
    }

    public async Task MarkFailedAsync(Guid id, int attempts, DateTime nextAttemptAt, DateTime? parkedAt, string error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
            .SetProperty(m => m.ParkedAt, parkedAt)
            .SetProperty(m => m.LastError, error), cancellationToken);
    }

    public async Task PurgeAsync(DateTime processedBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.OutboxMessages.Where(m => m.ProcessedAt != null && m.ProcessedAt < processedBefore).ExecuteDeleteAsync(cancellationToken);
        await db.InboxMessages.Where(m => m.ProcessedAt < processedBefore).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<OutboxBacklog> GetBacklogAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var waiting = db.OutboxMessages.Where(m => m.ProcessedAt == null);
        var pending = waiting.Where(m => m.ParkedAt == null);
        return new OutboxBacklog(
            await pending.CountAsync(cancellationToken),
            await pending.MinAsync(m => (DateTime?)m.OccurredAt, cancellationToken),
            await waiting.CountAsync(m => m.ParkedAt != null, cancellationToken));
    }

    /// <summary>
    /// Selects and row-locks due messages. On PostgreSQL and SQL Server, rows another instance holds are skipped
    /// rather than waited for, so several hosts share one outbox; SQLite has a single writer and needs no hint.
    /// </summary>
    private async Task<List<Guid>> LockDueAsync(TContext db, DbTransaction transaction, int batchSize, DateTime now, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _claimSql ??= BuildClaimSql(db, batchSize);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@now";
        parameter.Value = now;
        command.Parameters.Add(parameter);
        var ids = new List<Guid>(batchSize);
        using var span = DatabaseTelemetry.StartCommand(command, db.Database);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static string BuildClaimSql(TContext db, int batchSize)
    {
        var outbox = SqlNames.Of<OutboxMessage>(db);
        var from = outbox.Table;
        var id = outbox.Column(nameof(OutboxMessage.Id));
        var occurred = outbox.Column(nameof(OutboxMessage.OccurredAt));
        var due = $"{outbox.Column(nameof(OutboxMessage.ProcessedAt))} IS NULL AND {outbox.Column(nameof(OutboxMessage.ParkedAt))} IS NULL AND {outbox.Column(nameof(OutboxMessage.NextAttemptAt))} <= @now";
        var provider = db.Database.ProviderName ?? string.Empty;
        if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            return $"SELECT {id} FROM {from} WHERE {due} ORDER BY {occurred} LIMIT {batchSize} FOR UPDATE SKIP LOCKED";
        }

        if (provider.Contains("SqlServer", StringComparison.Ordinal))
        {
            return $"SELECT TOP ({batchSize}) {id} FROM {from} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {due} ORDER BY {occurred}";
        }

        return $"SELECT {id} FROM {from} WHERE {due} ORDER BY {occurred} LIMIT {batchSize}";
    }
}
