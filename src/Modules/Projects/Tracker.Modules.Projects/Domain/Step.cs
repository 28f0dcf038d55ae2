using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Projects.Domain;

/// <summary>What a step or a subtask is made of when it is created or edited.</summary>
internal sealed record WorkDetails(
    string Name,
    string? Description,
    WorkStatus Status,
    decimal Weight,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateOnly? ActualStart,
    DateOnly? ActualEnd,
    string? Assignee,
    Guid? AssigneeManagerId);

/// <summary>Rules steps and subtasks share.</summary>
internal static class Work
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int AssigneeMaxLength = 100;
    public const long FirstVersion = 1;

    /// <summary>Weights are positive and at most this (a share, not an amount).</summary>
    public const decimal MaxWeight = 1_000_000m;
}

/// <summary>
/// What steps and subtasks share: a name, a status, a weight in their parent's progress, planned and actual dates,
/// a place in their parent's order, and a version that every change but a move in that order raises.
/// </summary>
internal abstract class WorkItem
{
    public Guid Id { get; protected set; }

    public string Name { get; private set; } = string.Empty;

    public WorkStatus Status { get; private set; }

    public decimal Weight { get; private set; }

    public DateOnly? PlannedStart { get; private set; }

    public DateOnly? PlannedEnd { get; private set; }

    public DateOnly? ActualStart { get; private set; }

    public DateOnly? ActualEnd { get; private set; }

    /// <summary>Its place in the parent, from 0, dense.</summary>
    public int Position { get; protected set; }

    public DateTimeOffset CreatedAt { get; protected set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; protected set; }

    public void SetStatus(WorkStatus status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }

    protected virtual void Apply(WorkDetails details, DateTimeOffset at)
    {
        Name = UnicodeText.CleanName(details.Name);
        Status = details.Status;
        Weight = details.Weight;
        PlannedStart = details.PlannedStart;
        PlannedEnd = details.PlannedEnd;
        ActualStart = details.ActualStart;
        ActualEnd = details.ActualEnd;
        UpdatedAt = at;
    }
}

/// <summary>A step of a project, in the project's order; its subtasks, when it has some, make its progress.</summary>
internal sealed class Step : WorkItem
{
    private Step()
    {
    }

    public Guid ProjectId { get; private set; }

    public string? Description { get; private set; }

    /// <summary>Who does it: a project manager's name or anyone's.</summary>
    public string? Assignee { get; private set; }

    /// <summary>Who does it, when that is a manager of the directory (beside or instead of <see cref="Assignee"/>).</summary>
    public Guid? AssigneeManagerId { get; private set; }

    /// <summary>
    /// Its subtasks' weights (total, done, in progress): all its progress needs, kept with every subtask change
    /// (<see cref="Features.Shared.SubtaskWeightCounts"/>) so that lists of projects read no subtask rows.
    /// </summary>
    public decimal SubtaskWeight { get; private set; }

    public decimal SubtaskDoneWeight { get; private set; }

    public decimal SubtaskInProgressWeight { get; private set; }

    public SubtaskWeights SubtaskWeights => new(SubtaskWeight, SubtaskDoneWeight, SubtaskInProgressWeight);

    public static Step Create(Guid projectId, int position, WorkDetails details, DateTimeOffset now)
    {
        var at = Timestamps.Normalize(now);
        var step = new Step { Id = Guid.CreateVersion7(now), ProjectId = projectId, Position = position, CreatedAt = at, Version = Work.FirstVersion };
        step.Apply(details, at);
        return step;
    }

    public void Update(WorkDetails details, DateTimeOffset now)
    {
        Apply(details, Timestamps.Normalize(now));
        Version++;
    }

    protected override void Apply(WorkDetails details, DateTimeOffset at)
    {
        base.Apply(details, at);
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        Assignee = string.IsNullOrWhiteSpace(details.Assignee) ? null : UnicodeText.CleanName(details.Assignee);
        AssigneeManagerId = details.AssigneeManagerId;
    }
}

/// <summary>A part of a step, in the step's order.</summary>
internal sealed class Subtask : WorkItem
{
    private Subtask()
    {
    }

    public Guid StepId { get; private set; }

    public static Subtask Create(Guid stepId, int position, WorkDetails details, DateTimeOffset now)
    {
        var at = Timestamps.Normalize(now);
        var subtask = new Subtask { Id = Guid.CreateVersion7(now), StepId = stepId, Position = position, CreatedAt = at, Version = Work.FirstVersion };
        subtask.Apply(details, at);
        return subtask;
    }

    public void Update(WorkDetails details, DateTimeOffset now)
    {
        Apply(details, Timestamps.Normalize(now));
        Version++;
    }
}
