using Tracker.BuildingBlocks.Contracts;

namespace Tracker.Modules.Miniatures.Contracts;

/// <summary>
/// Miniatures of one type moved forward from one stage to a later one. Stages are their constants ("IN_BOX",
/// "BUILDING", "PRIMING", "PAINTING", "DONE"); <see cref="IntegrationEvent.OccurredAt"/> is the move's time in its history.
/// </summary>
/// <param name="MovedBy">The user who moved them.</param>
public sealed record MiniaturesMoved(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid TypeId,
    string FromStage,
    string ToStage,
    int Quantity,
    Guid MovedBy) : IntegrationEvent(Id, OccurredAt);
