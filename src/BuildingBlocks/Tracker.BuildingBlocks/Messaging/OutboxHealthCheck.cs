using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>
/// Readiness includes event delivery: parked messages, or an undelivered one older than
/// <see cref="OutboxOptions.MaxLag"/>, make the instance Degraded (still serving, but someone should look).
/// </summary>
internal sealed class OutboxHealthCheck(IEnumerable<IOutboxStore> stores, IOptions<OutboxOptions> options, OutboxMetrics metrics, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var data = new Dictionary<string, object>();
        var degraded = false;
        foreach (var store in stores)
        {
            var backlog = await store.GetBacklogAsync(cancellationToken);
            metrics.Observed(store.Module, backlog);
            var lag = backlog.OldestPending is { } oldest ? now - oldest : TimeSpan.Zero;
            data[store.Module] = new { backlog.Pending, backlog.Parked, LagSeconds = Math.Max(0, (int)lag.TotalSeconds) };
            degraded |= backlog.Parked > 0 || lag > options.Value.MaxLag;
        }

        return degraded
            ? HealthCheckResult.Degraded("Integration events are parked or late.", data: data)
            : HealthCheckResult.Healthy("Integration events are flowing.", data: data);
    }
}
