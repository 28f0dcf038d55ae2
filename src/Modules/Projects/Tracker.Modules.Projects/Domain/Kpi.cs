namespace Tracker.Modules.Projects.Domain;

/// <summary>What the report needs of a step.</summary>
internal sealed record StepFacts(Guid ProjectId, WorkStatus Status, DateOnly? PlannedEnd, DateOnly? ActualEnd);

/// <summary>Steps counted by status.</summary>
internal sealed record StatusCounts(int Todo, int InProgress, int Blocked, int Done);

/// <summary>
/// The key figures of a set of projects on a given day. A step is overdue when its planned end has passed and it is
/// not done; a project when its planned end has passed, it is active and has no actual end. The on-time rate is the
/// share of done steps with both dates whose actual end is on or before the planned one (null when there is none).
/// </summary>
internal sealed record KpiFigures(
    int Projects,
    int ActiveProjects,
    int ArchivedProjects,
    decimal AverageProgress,
    StatusCounts Steps,
    int OverdueSteps,
    int OverdueProjects,
    decimal? OnTimeRate,
    decimal PlannedBudget,
    decimal ContractPrice)
{
    public static KpiFigures Of(IReadOnlyList<(Project Project, decimal Progress)> projects, ILookup<Guid, StepFacts> stepsByProject, DateOnly today)
    {
        var steps = projects.SelectMany(p => stepsByProject[p.Project.Id]).ToList();
        var dated = steps.Where(s => s.Status == WorkStatus.done && s.ActualEnd is not null && s.PlannedEnd is not null).ToList();
        return new KpiFigures(
            projects.Count,
            projects.Count(p => p.Project.Status == ProjectStatus.active),
            projects.Count(p => p.Project.Status == ProjectStatus.archived),
            projects.Count == 0 ? 0 : Math.Round(projects.Average(p => p.Progress), Progress.Decimals, MidpointRounding.AwayFromZero),
            new StatusCounts(
                steps.Count(s => s.Status == WorkStatus.todo),
                steps.Count(s => s.Status == WorkStatus.in_progress),
                steps.Count(s => s.Status == WorkStatus.blocked),
                steps.Count(s => s.Status == WorkStatus.done)),
            steps.Count(s => s.Status != WorkStatus.done && s.PlannedEnd < today),
            projects.Count(p => p.Project.IsOverdue(today)),
            dated.Count == 0 ? null : Math.Round((decimal)dated.Count(s => s.ActualEnd <= s.PlannedEnd) / dated.Count, Progress.Decimals, MidpointRounding.AwayFromZero),
            projects.Sum(p => p.Project.PlannedBudget ?? 0),
            projects.Sum(p => p.Project.ContractPrice ?? 0));
    }
}
