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
        using var publish = StartPublishSpan(integrationEvent);
        OutboxMessages.Add(ToOutboxMessage(integrationEvent));
    }

    /// <summary>
    /// An integration event that the module's own SQL statement writes to the outbox, for a change made by one
    /// hand-written statement instead of SaveChanges (see <see cref="StatementPublication"/>).
    /// </summary>
    public StatementPublication PublishWithStatement(IntegrationEvent integrationEvent)
    {
        var caller = Activity.Current;
        var publish = StartPublishSpan(integrationEvent);
        var message = ToOutboxMessage(integrationEvent);

        // The producer span stays open until the statement tells whether the row was written, but not current:
        // the statement's span is the caller's child, as SaveChanges' is after Publish.
        Activity.Current = caller;
        return new StatementPublication(message, publish, this.GetService<OutboxSignal>(), Schema);
    }

    /// <summary>The producer span of a message: its delivery, however much later, continues this trace under it.</summary>
    private static Activity? StartPublishSpan(IntegrationEvent integrationEvent)
    {
        var name = OutboxDispatcher.ShortName(IntegrationEventSerializer.TypeName(integrationEvent.GetType()));
        var publish = OutboxDispatcher.Source.StartActivity($"publish {name}", ActivityKind.Producer);
        publish?.SetTag("messaging.system", "tracker_outbox");
        publish?.SetTag("messaging.operation.type", "create");
        publish?.SetTag("messaging.destination.name", name);
        publish?.SetTag("messaging.message.id", integrationEvent.Id);
        return publish;
    }

    /// <summary>The outbox row of an event, due at once, under the current span (the producer's, when traced).</summary>
    private static OutboxMessage ToOutboxMessage(IntegrationEvent integrationEvent)
    {
        var now = integrationEvent.OccurredAt.UtcDateTime;
        return new OutboxMessage
        {
            Id = integrationEvent.Id,
            Type = IntegrationEventSerializer.TypeName(integrationEvent.GetType()),
            Payload = IntegrationEventSerializer.Serialize(integrationEvent),
            OccurredAt = now,
            NextAttemptAt = now,
            TraceParent = Activity.Current?.Id,
        };
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var publishes = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (publishes)
        {
            this.GetService<OutboxSignal>().Notify(Schema);
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
