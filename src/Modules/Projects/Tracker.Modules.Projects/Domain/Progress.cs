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

    /// <summary>The weight-weighted mean of (weight, progress) parts; 0 when there are none.</summary>
    public static decimal WeightedMean(IEnumerable<(decimal Weight, decimal Progress)> parts)
    {
        decimal weights = 0, weighted = 0;
        foreach (var (weight, progress) in parts)
        {
            weights += weight;
            weighted += weight * progress;
        }

        return Mean(weighted, weights);
    }

    /// <summary>Units a weight is kept in as a whole number (weights have at most 4 decimals).</summary>
    public const long WeightScale = 10_000;

    /// <summary>Units a progress is kept in as a whole number (<see cref="Decimals"/> digits).</summary>
    public const long ProgressScale = 10_000;

    /// <summary>A project's progress from its kept sums (<see cref="KeptProgress"/>): the same mean as <see cref="WeightedMean"/>.</summary>
    public static decimal OfSums(long weightUnits, long weightedUnits) =>
        Mean(weightedUnits / (decimal)(WeightScale * ProgressScale), weightUnits / (decimal)WeightScale);

    private static decimal Mean(decimal weighted, decimal weights) =>
        weights == 0 ? 0 : Math.Round(weighted / weights, Decimals, MidpointRounding.AwayFromZero);
}

/// <summary>All of a step that its project's progress depends on.</summary>
internal readonly record struct StepInputs(WorkStatus Status, decimal Weight, SubtaskWeights Subtasks)
{
    /// <summary>
    /// What the step adds to its project's kept sums at a coefficient: its weight and its weight times its progress,
    /// as whole units, so that a database adds them exactly (SQLite keeps decimals as text).
    /// </summary>
    public (long WeightUnits, long WeightedUnits) ShareAt(decimal inProgressCoefficient)
    {
        var weightUnits = checked((long)(Weight * Progress.WeightScale));
        var progressUnits = (long)(Progress.OfStep(Status, Subtasks, inProgressCoefficient) * Progress.ProgressScale);
        return (weightUnits, checked(weightUnits * progressUnits));
    }
}

/// <summary>
/// A project's progress kept as sums over its steps (weight, weight times progress, count), so that a list of
/// projects reads one row per project instead of all their steps. Every saved change to a step moves the sums by
/// what it changed; writes that change steps in bulk, and a new coefficient, count them again
/// (<see cref="Data.KeptProgressWrites"/>). Whole units keep a project with up to some 90,000 steps of the largest
/// weight exact in a 64-bit integer.
/// </summary>
internal sealed class KeptProgress
{
    private KeptProgress()
    {
    }

    public Guid ProjectId { get; private set; }

    /// <summary>The in-progress coefficient the sums are counted at: the project's, which a move checks it still is.</summary>
    public decimal CountedAt { get; private set; }

    public long WeightUnits { get; private set; }

    public long WeightedUnits { get; private set; }

    public int StepCount { get; private set; }

    public decimal Progress => Domain.Progress.OfSums(WeightUnits, WeightedUnits);

    /// <summary>A project without steps.</summary>
    public static KeptProgress Start(Guid projectId, decimal inProgressCoefficient) => new() { ProjectId = projectId, CountedAt = inProgressCoefficient };
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
