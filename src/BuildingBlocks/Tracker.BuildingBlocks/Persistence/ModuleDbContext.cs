using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tracker.BuildingBlocks.Contracts;
using Tracker.BuildingBlocks.Messaging;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// Base of every module's DbContext: the module's schema, its outbox, inbox and idempotency tables, and <see cref="Publish"/>,
/// which stores an integration event in the same SaveChanges as the state change it describes.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The module's schema on PostgreSQL and SQL Server (SQLite has none: each module has its own file).</summary>
    protected abstract string Schema { get; }

    internal DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    internal DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    internal DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    /// <summary>Queues an integration event; it is delivered only if the surrounding SaveChanges commits.</summary>
    public void Publish(IntegrationEvent integrationEvent)
    {
        var now = integrationEvent.OccurredAt.UtcDateTime;
        var type = IntegrationEventSerializer.TypeName(integrationEvent.GetType());

        // The producer span of the message: its delivery, however much later, continues this trace under it.
        using var publish = OutboxDispatcher.Source.StartActivity($"publish {OutboxDispatcher.ShortName(type)}", ActivityKind.Producer);
        publish?.SetTag("messaging.system", "tracker_outbox");
        publish?.SetTag("messaging.operation.type", "create");
        publish?.SetTag("messaging.destination.name", OutboxDispatcher.ShortName(type));
        publish?.SetTag("messaging.message.id", integrationEvent.Id);
        OutboxMessages.Add(new OutboxMessage
        {
            Id = integrationEvent.Id,
            Type = type,
            Payload = IntegrationEventSerializer.Serialize(integrationEvent),
            OccurredAt = now,
            NextAttemptAt = now,
            TraceParent = Activity.Current?.Id,
        });
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var publishes = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (publishes)
        {
            this.GetService<OutboxSignal>().Notify();
        }

        return written;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotentRequestConfiguration());
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite stores DateTimeOffset as text it cannot order or compare; UTC ticks sort correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
