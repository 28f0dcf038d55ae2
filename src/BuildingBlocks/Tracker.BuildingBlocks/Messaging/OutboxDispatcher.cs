using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>
/// Delivers every module's outbox to the subscribers of other modules. A failing message is retried with
/// exponential back-off and parked after <see cref="OutboxOptions.MaxAttempts"/>; either way it stops occupying
/// the head of the queue, so the messages behind it keep flowing.
/// </summary>
internal sealed class OutboxDispatcher(
    IEnumerable<IOutboxStore> stores,
    IEnumerable<IntegrationEventSubscription> subscriptions,
    IServiceProvider services,
    OutboxSignal signal,
    OutboxMetrics metrics,
    DatabaseStartupProgress startup,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string TelemetryName = "Tracker.Outbox";
    internal static readonly ActivitySource Source = new(TelemetryName);

    private readonly ILookup<string, IntegrationEventSubscription> _subscribers =
        subscriptions.ToLookup(s => IntegrationEventSerializer.TypeName(s.EventType));

    private readonly IReadOnlyList<IOutboxStore> _stores = [.. stores];
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || _stores.Count == 0)
        {
            logger.LogInformation("Outbox dispatcher is disabled on this instance");
            return;
        }

        if (!await startup.WaitAsync(stoppingToken))
        {
            return;
        }

        var nextPurge = DateTime.MinValue;
        var nextBacklog = DateTime.MinValue;
        var nextEveryOutbox = DateTime.MinValue;
        var behind = new HashSet<IOutboxStore>();
        while (!stoppingToken.IsCancellationRequested)
        {
            // A pass claims from the outboxes written to since the last one and from those whose batch was full;
            // every poll interval, from all of them (retries that fell due, writes of other instances), however
            // often writes wake the dispatcher. An empty claim costs a transaction.
            var now = clock.GetUtcNow().UtcDateTime;
            var everyOutbox = now >= nextEveryOutbox;
            if (everyOutbox)
            {
                nextEveryOutbox = now + _options.PollInterval;
            }

            var wasBehind = behind;
            behind = [];
            try
            {
                foreach (var store in _stores)
                {
                    // Taken before the claim, which then sees the write; a write after it wakes the next pass.
                    if ((signal.TakeWritten(store.Module) | everyOutbox | wasBehind.Contains(store)) && await DispatchBatchAsync(store, stoppingToken))
                    {
                        behind.Add(store);
                    }
                }

                now = clock.GetUtcNow().UtcDateTime;
                if (now >= nextPurge)
                {
                    foreach (var store in _stores)
                    {
                        await store.PurgeAsync(now - _options.Retention, stoppingToken);
                    }

                    nextPurge = now.AddHours(1);
                }

                if (now >= nextBacklog)
                {
                    foreach (var store in _stores)
                    {
                        metrics.Observed(store.Module, await store.GetBacklogAsync(stoppingToken));
                    }

                    nextBacklog = now + OutboxMetrics.BacklogRefresh;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Outbox pass failed; retrying after the poll interval");
                behind.Clear();
                nextEveryOutbox = clock.GetUtcNow().UtcDateTime + _options.PollInterval;
            }

            if (behind.Count == 0)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <returns>Whether the batch was full, i.e. more messages are probably due.</returns>
    /// <remarks>
    /// The delivered messages of a batch are marked in one statement after it: a statement per message kept the
    /// dispatcher to about a hundred messages a second while requests kept the database busy. A crash between a
    /// delivery and the mark delivers the message again when its claim runs out, which subscribers' inboxes ignore.
    /// </remarks>
    private async Task<bool> DispatchBatchAsync(IOutboxStore store, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = await store.ClaimAsync(_options.BatchSize, now, now + _options.ClaimDuration, cancellationToken);
        var delivered = new List<OutboxMessage>(batch.Count);
        try
        {
            foreach (var message in batch)
            {
                if (await DeliverAsync(store, message, cancellationToken))
                {
                    delivered.Add(message);
                }
            }
        }
        finally
        {
            // Also when the host stops mid-batch: what was delivered is marked, not delivered again after a restart.
            if (delivered.Count > 0)
            {
                await store.MarkProcessedAsync([.. delivered.Select(m => m.Id)], clock.GetUtcNow().UtcDateTime, CancellationToken.None);
                foreach (var message in delivered)
                {
                    metrics.Delivered.Add(1, Tags(store, message));
                }
            }
        }

        return batch.Count == _options.BatchSize;
    }

    /// <returns>Whether every subscriber took the message; a failure is recorded on the message here.</returns>
    private async Task<bool> DeliverAsync(IOutboxStore store, OutboxMessage message, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"deliver {ShortName(message.Type)}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "tracker_outbox");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", ShortName(message.Type));
        activity?.SetTag("messaging.message.id", message.Id);
        activity?.SetTag("tracker.module", store.Module);
        try
        {
            var subscribers = _subscribers[message.Type].ToList();
            if (subscribers.Count > 0)
            {
                var integrationEvent = IntegrationEventSerializer.Deserialize(message.Payload, subscribers[0].EventType);
                foreach (var subscriber in subscribers)
                {
                    await subscriber.DeliverAsync(services, integrationEvent, cancellationToken);
                }
            }

            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            var tags = Tags(store, message);
            var attempts = message.Attempts + 1;
            var now = clock.GetUtcNow().UtcDateTime;
            var error = $"{exception.GetType().Name}: {exception.Message}";
            if (error.Length > 2000)
            {
                error = error[..2000];
            }

            if (attempts >= _options.MaxAttempts)
            {
                metrics.Parked.Add(1, tags);
                logger.LogError(exception, "Parked integration event {EventId} ({EventType}) from {Module} after {Attempts} attempts", message.Id, message.Type, store.Module, attempts);
                await store.MarkFailedAsync(message.Id, attempts, now, now, error, CancellationToken.None);
            }
            else
            {
                metrics.Failed.Add(1, tags);
                var retryAt = now + _options.RetryDelayAfter(attempts);
                logger.LogWarning(exception, "Delivery of integration event {EventId} ({EventType}) failed (attempt {Attempts}); retrying at {RetryAt:O}", message.Id, message.Type, attempts, retryAt);
                await store.MarkFailedAsync(message.Id, attempts, retryAt, null, error, CancellationToken.None);
            }

            return false;
        }
    }

    private static TagList Tags(IOutboxStore store, OutboxMessage message) =>
        new() { OutboxMetrics.ModuleTag(store.Module), { "messaging.destination.name", ShortName(message.Type) } };

    internal static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];
}
