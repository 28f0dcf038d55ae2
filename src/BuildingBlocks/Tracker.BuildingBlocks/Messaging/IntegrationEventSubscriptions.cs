using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Contracts;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>A module's reaction to another module's integration event. Handlers write through their module's DbContext.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task Handle(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>One subscriber of one event type, with the inbox bookkeeping that makes redelivery harmless.</summary>
internal sealed class IntegrationEventSubscription(Type eventType, string consumer, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> deliver)
{
    public Type EventType { get; } = eventType;

    public string Consumer { get; } = consumer;

    public Task DeliverAsync(IServiceProvider services, IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        deliver(services, integrationEvent, cancellationToken);
}

public static class IntegrationEventSubscriptionRegistration
{
    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>. The handler runs in one transaction
    /// of <typeparamref name="TContext"/> together with the inbox row, so an event id is handled at most once.
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler, TContext>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TContext : ModuleDbContext
    {
        services.AddScoped<THandler>();
        var consumer = typeof(THandler).FullName ?? typeof(THandler).Name;
        services.AddSingleton(new IntegrationEventSubscription(typeof(TEvent), consumer, (root, integrationEvent, cancellationToken) =>
            DeliverOnceAsync<TEvent, THandler, TContext>(root, (TEvent)integrationEvent, consumer, cancellationToken)));
        return services;
    }

    private static async Task DeliverOnceAsync<TEvent, THandler, TContext>(IServiceProvider root, TEvent integrationEvent, string consumer, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TContext : ModuleDbContext
    {
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var seen = await db.InboxMessages.AnyAsync(m => m.EventId == integrationEvent.Id && m.Consumer == consumer, ct);
            if (seen)
            {
                return;
            }

            await handler.Handle(integrationEvent, ct);
            db.InboxMessages.Add(new InboxMessage { EventId = integrationEvent.Id, Consumer = consumer, ProcessedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}
