using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>
/// The outbox's instruments, per host (the meter comes from the host's <see cref="IMeterFactory"/>, so two hosts
/// in one process do not mix their numbers). Counters: <c>tracker.outbox.delivered</c>, <c>.failed</c>,
/// <c>.parked</c> in <c>{message}</c>; gauges: <c>tracker.outbox.pending</c> (undelivered, not parked) and
/// <c>tracker.outbox.lag</c> (age in seconds of the oldest of them), each by <c>tracker.module</c>. The backlog is
/// read by the dispatcher every <see cref="BacklogRefresh"/> and by the readiness check; the lag keeps growing
/// between reads, as it does in reality.
/// </summary>
internal sealed class OutboxMetrics
{
    public static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, OutboxBacklog> _backlogs = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public OutboxMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(OutboxDispatcher.TelemetryName);
        Delivered = meter.CreateCounter<long>("tracker.outbox.delivered", "{message}", "Integration events delivered to all their subscribers.");
        Failed = meter.CreateCounter<long>("tracker.outbox.failed", "{message}", "Delivery attempts that failed and will be retried.");
        Parked = meter.CreateCounter<long>("tracker.outbox.parked", "{message}", "Integration events parked after their last attempt.");
        meter.CreateObservableGauge("tracker.outbox.pending", ObservePending, "{message}", "Integration events waiting for delivery (not parked).");
        meter.CreateObservableGauge("tracker.outbox.lag", ObserveLag, "s", "Age of the oldest integration event waiting for delivery; 0 when none waits.");
    }

    public Counter<long> Delivered { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Parked { get; }

    public void Observed(string module, OutboxBacklog backlog) => _backlogs[module] = backlog;

    public static KeyValuePair<string, object?> ModuleTag(string module) => new("tracker.module", module);

    private IEnumerable<Measurement<long>> ObservePending() =>
        _backlogs.Select(b => new Measurement<long>(b.Value.Pending, ModuleTag(b.Key)));

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return _backlogs.Select(b => new Measurement<double>(
            b.Value.OldestPending is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0,
            ModuleTag(b.Key)));
    }
}
