using Tracker.BuildingBlocks.Mediator;
using Tracker.BuildingBlocks.Messaging;

namespace Tracker.BuildingBlocks;

/// <summary>Names the host subscribes to for traces and metrics.</summary>
public static class TrackerTelemetry
{
    /// <summary>Every Tracker meter: the outbox's and each module's business counters ("Tracker.Miniatures", ...).</summary>
    public const string MeterWildcard = "Tracker.*";

    public static IReadOnlyList<string> ActivitySources { get; } = [MediatorTelemetry.ActivitySourceName, OutboxDispatcher.TelemetryName];
}
