using Tracker.BuildingBlocks.Contracts;

namespace Tracker.Modules.__Name__.Contracts;

/// <summary>A __entity_words__ now exists.</summary>
public sealed record __Entity__Created(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid __Entity__Id,
    string Name) : IntegrationEvent(Id, OccurredAt);
