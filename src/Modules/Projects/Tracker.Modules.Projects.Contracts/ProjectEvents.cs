using Tracker.BuildingBlocks.Contracts;

namespace Tracker.Modules.Projects.Contracts;

/// <summary>A project now exists.</summary>
public sealed record ProjectCreated(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ProjectId,
    Guid CategoryId,
    string Code,
    string Name) : IntegrationEvent(Id, OccurredAt);

/// <summary>A project was archived or made active again.</summary>
/// <param name="Status"><c>active</c> or <c>archived</c>.</param>
public sealed record ProjectStatusChanged(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ProjectId,
    string Status) : IntegrationEvent(Id, OccurredAt);

/// <summary>A step's status changed.</summary>
/// <param name="FromStatus">One of <c>todo</c>, <c>in_progress</c>, <c>blocked</c>, <c>done</c>.</param>
public sealed record StepStatusChanged(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ProjectId,
    Guid StepId,
    string FromStatus,
    string ToStatus) : IntegrationEvent(Id, OccurredAt);
