using Tracker.BuildingBlocks.Mediator;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.BuildingBlocks;

/// <summary>Names the host subscribes to for traces and metrics.</summary>
public static class TrackerTelemetry
{
    /// <summary>
    /// Every Tracker meter: the mediator's request duration, the outbox's delivery counters and backlog gauges, and
    /// each module's business counters ("Tracker.Miniatures", ...). Names, units and attributes follow the
    /// OpenTelemetry semantic conventions: dotted lower-case names, UCUM units ("s", "{message}", "{miniature}").
    /// </summary>
    public const string MeterWildcard = "Tracker.*";

    /// <summary>Mediator requests, outbox publish and delivery, and database commands on every provider.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
        [MediatorTelemetry.ActivitySourceName, OutboxDispatcher.TelemetryName, DatabaseTelemetry.ActivitySourceName];
}
