using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tracker.BuildingBlocks.Persistence;

public static class TransactionLocks
{
    /// <summary>
    /// Takes an exclusive lock named <paramref name="name"/> that the open transaction holds until it ends: other
    /// transactions taking the same lock wait for it. For check-then-write rules over several rows ("at least one
    /// must remain"), which row locks alone cannot protect under read committed. Read what the rule depends on
    /// after this call.
    /// </summary>
    public static async Task AcquireTransactionLockAsync(this DatabaseFacade database, string name, CancellationToken cancellationToken)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A transaction lock needs an open transaction.");
        }

        if (database.IsNpgsql())
        {
            var key = BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
        else if (database.IsSqlServer())
        {
            await database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = {name}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'", cancellationToken);
        }

        // SQLite: a transaction begins with BEGIN IMMEDIATE and so already holds the database's only write lock.
    }
}
