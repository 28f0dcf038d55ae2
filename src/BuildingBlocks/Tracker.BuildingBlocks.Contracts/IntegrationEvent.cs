namespace Tracker.BuildingBlocks.Contracts;

/// <summary>
/// A fact one module announces to the others. Events travel through the publisher's outbox, so they are plain,
/// serialisable records: no behaviour, no references to a module's internals.
/// </summary>
/// <param name="Id">Unique id of this occurrence; subscribers use it to ignore redelivery.</param>
/// <param name="OccurredAt">When the state change happened (UTC).</param>
public abstract record IntegrationEvent(Guid Id, DateTimeOffset OccurredAt);
