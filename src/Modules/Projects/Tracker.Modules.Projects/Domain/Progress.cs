using System.Text.Json.Serialization;
using Tracker.BuildingBlocks.Json;

namespace Tracker.Modules.Projects.Domain;

/// <summary>
/// How far work has come, from 0 to 1. A subtask, or a step without subtasks, counts by its status: done 1,
/// in progress the project's in-progress coefficient, to do and blocked 0. A step with subtasks is the
/// weight-weighted mean of its subtasks; a project is the weight-weighted mean of its steps, and 0 without steps.
/// </summary>
internal static class Progress
{
    /// <summary>Digits kept: the shares add up exactly as shown.</summary>
    public const int Decimals = 4;

    public static decimal OfStatus(WorkStatus status, decimal inProgressCoefficient) => status switch
    {
        WorkStatus.done => 1m,
        WorkStatus.in_progress => inProgressCoefficient,
        _ => 0m,
    };

    /// <summary>
    /// A step: by its own status without subtasks, else the weighted mean of theirs, which only needs the weight
    /// behind each score (what the step keeps, see <see cref="SubtaskWeights"/>).
    /// </summary>
    public static decimal OfStep(WorkStatus status, SubtaskWeights subtasks, decimal inProgressCoefficient) =>
        subtasks.Total == 0
            ? OfStatus(status, inProgressCoefficient)
            : WeightedMean([(subtasks.Done, 1m), (subtasks.InProgress, inProgressCoefficient), (subtasks.Total - subtasks.Done - subtasks.InProgress, 0m)]);

    /// <summary>A project: the weight-weighted mean of its steps' progress, each counted with the project's coefficient.</summary>
    public static decimal OfProject(IEnumerable<StepInputs> steps, decimal inProgressCoefficient) =>
        WeightedMean(steps.Select(s => (s.Weight, OfStep(s.Status, s.Subtasks, inProgressCoefficient))));

    /// <summary>The weight-weighted mean of (weight, progress) parts; 0 when there are none.</summary>
    public static decimal WeightedMean(IEnumerable<(decimal Weight, decimal Progress)> parts)
    {
        decimal weights = 0, weighted = 0;
        foreach (var (weight, progress) in parts)
        {
            weights += weight;
            weighted += weight * progress;
        }

        return weights == 0 ? 0 : Math.Round(weighted / weights, Decimals, MidpointRounding.AwayFromZero);
    }
}

/// <summary>All of a step that its project's progress depends on.</summary>
internal readonly record struct StepInputs(Guid StepId, WorkStatus Status, decimal Weight, SubtaskWeights Subtasks);

/// <summary>
/// A project's progress and step count as its steps last left them. Every write that changes what they are made of
/// (a step's status, weight or subtasks, a step added or deleted, the project's coefficient) counts them again in its
/// transaction (<see cref="Features.Shared.KeptProgressWrites"/>), so that a list of projects reads one row per project
/// instead of all their steps.
/// </summary>
internal sealed class KeptProgress
{
    private KeptProgress()
    {
    }

    public Guid ProjectId { get; private set; }

    public decimal Progress { get; private set; }

    public int StepCount { get; private set; }

    public static KeptProgress Of(Guid projectId, decimal progress, int stepCount) => new() { ProjectId = projectId, Progress = progress, StepCount = stepCount };
}

/// <summary>What a step's subtasks weigh in total, done and in progress (0 total: it has none, weights being positive).</summary>
internal readonly record struct SubtaskWeights(decimal Total, decimal Done, decimal InProgress)
{
    public static SubtaskWeights Of(IEnumerable<(decimal Weight, WorkStatus Status)> subtasks)
    {
        decimal total = 0, done = 0, inProgress = 0;
        foreach (var (weight, status) in subtasks)
        {
            total += weight;
            done += status == WorkStatus.done ? weight : 0;
            inProgress += status == WorkStatus.in_progress ? weight : 0;
        }

        return new SubtaskWeights(total, done, inProgress);
    }
}

/// <summary>Why a project's progress is what it is: each step's weight, how it counted, and its progress.</summary>
internal sealed record ProjectProgress(decimal Progress, decimal InProgressCoefficient, IReadOnlyList<StepProgress> Steps)
{
    public static ProjectProgress Of(Project project, IEnumerable<Step> steps, ILookup<Guid, Subtask> subtasksByStep)
    {
        var coefficient = project.InProgressCoefficient;
        var parts = steps.OrderBy(s => s.Position).Select(step => StepProgress.Of(step, subtasksByStep[step.Id], coefficient)).ToList();
        return new ProjectProgress(Domain.Progress.WeightedMean(parts.Select(p => (p.Weight, p.Progress))), coefficient, parts);
    }
}

/// <summary>What a step's progress is counted from.</summary>
[JsonConverter(typeof(StrictEnumConverter))]
internal enum ProgressBasis : short
{
    /// <summary>The step has no subtasks: its own status.</summary>
    [JsonStringEnumMemberName("status")]
    Status = 0,

    /// <summary>The weight-weighted mean of its subtasks.</summary>
    [JsonStringEnumMemberName("subtasks")]
    Subtasks = 1,
}

internal sealed record StepProgress(Guid StepId, string Name, WorkStatus Status, decimal Weight, decimal Progress, ProgressBasis CountedBy, IReadOnlyList<SubtaskProgress> Subtasks)
{
    public static StepProgress Of(Step step, IEnumerable<Subtask> subtasks, decimal coefficient)
    {
        var parts = subtasks.OrderBy(s => s.Position)
            .Select(s => new SubtaskProgress(s.Id, s.Name, s.Status, s.Weight, Domain.Progress.OfStatus(s.Status, coefficient)))
            .ToList();
        var progress = Domain.Progress.OfStep(step.Status, SubtaskWeights.Of(parts.Select(p => (p.Weight, p.Status))), coefficient);
        return new StepProgress(step.Id, step.Name, step.Status, step.Weight, progress, parts.Count == 0 ? ProgressBasis.Status : ProgressBasis.Subtasks, parts);
    }
}

internal sealed record SubtaskProgress(Guid SubtaskId, string Name, WorkStatus Status, decimal Weight, decimal Progress);
