using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>A project as the reports show it: its progress and step count by the progress rule, and its done steps.</summary>
internal sealed record PortfolioProject(Project Project, ProjectSummary Summary, int DoneSteps);

/// <summary>
/// What the KPI report and the exports read: the workspace, categories in their order, their projects by code with
/// progress, and the facts of every step of those projects.
/// </summary>
internal sealed record Portfolio(Workspace Workspace, IReadOnlyList<Category> Categories, IReadOnlyList<PortfolioProject> Projects, ILookup<Guid, StepFacts> Steps)
{
    public ILookup<Guid, PortfolioProject> ByCategory { get; } = Projects.ToLookup(p => p.Project.CategoryId);
}

/// <summary>A step as a report lists it, with its progress by the rule (<see cref="Progress.OfStep(WorkStatus, SubtaskWeights, decimal)"/>).</summary>
internal sealed record StepRow(Guid ProjectId, int Position, string Name, WorkStatus Status, decimal Weight, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, decimal Progress);

internal static class PortfolioReader
{
    /// <summary>
    /// Every category and project, or one category's. Progress comes from <see cref="ProjectReader.WithProgressAsync"/>;
    /// steps are read as the few columns the figures need (their subtasks' weight sums included), never as entities.
    /// </summary>
    /// <returns>Null when <paramref name="categoryId"/> names no category.</returns>
    public static async Task<Portfolio?> PortfolioAsync(this ProjectsDbContext db, Guid? categoryId, CancellationToken cancellationToken)
    {
        var categories = db.Categories.AsNoTracking();
        var projects = db.Projects.AsNoTracking();
        if (categoryId is { } id)
        {
            categories = categories.Where(c => c.Id == id);
            projects = projects.Where(p => p.CategoryId == id);
        }

        var categoryRows = await categories.OrderBy(c => c.SortOrder).ThenBy(c => c.NormalizedName).ToListAsync(cancellationToken);
        if (categoryId is not null && categoryRows.Count == 0)
        {
            return null;
        }

        var withProgress = await projects.OrderBy(p => p.NormalizedCode).WithProgressAsync(db, cancellationToken);
        var projectIds = withProgress.ConvertAll(p => p.Project.Id);
        var steps = (await db.Steps.AsNoTracking().Where(s => projectIds.Contains(s.ProjectId))
                .Select(s => new StepFacts(s.ProjectId, s.Status, s.PlannedEnd, s.ActualEnd))
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ProjectId);
        return new Portfolio(
            await db.WorkspaceAsync(cancellationToken),
            categoryRows,
            withProgress.ConvertAll(p => new PortfolioProject(p.Project, p.Summary, steps[p.Project.Id].Count(s => s.Status == WorkStatus.done))),
            steps);
    }

    /// <summary>The names of the projects' managers, by id.</summary>
    public static async Task<Dictionary<Guid, string>> ManagerNamesAsync(this ProjectsDbContext db, IEnumerable<PortfolioProject> projects, CancellationToken cancellationToken)
    {
        var ids = projects.Select(p => p.Project.ManagerId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Managers.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
    }

    /// <summary>The steps of the projects in their order, each with its progress counted with its project's coefficient.</summary>
    public static async Task<ILookup<Guid, StepRow>> StepRowsAsync(this ProjectsDbContext db, IReadOnlyCollection<Project> projects, CancellationToken cancellationToken)
    {
        var projectIds = projects.Select(p => p.Id).ToList();
        var coefficients = projects.ToDictionary(p => p.Id, p => p.InProgressCoefficient);
        var steps = await db.Steps.AsNoTracking().Where(s => projectIds.Contains(s.ProjectId))
            .OrderBy(s => s.Position)
            .Select(s => new
            {
                s.ProjectId,
                s.Position,
                s.Name,
                s.Status,
                s.Weight,
                s.PlannedStart,
                s.PlannedEnd,
                s.ActualStart,
                s.ActualEnd,
                Subtasks = new SubtaskWeights(s.SubtaskWeight, s.SubtaskDoneWeight, s.SubtaskInProgressWeight),
            })
            .ToListAsync(cancellationToken);
        return steps
            .Select(s => new StepRow(
                s.ProjectId, s.Position, s.Name, s.Status, s.Weight, s.PlannedStart, s.PlannedEnd, s.ActualStart, s.ActualEnd,
                Progress.OfStep(s.Status, s.Subtasks, coefficients[s.ProjectId])))
            .ToLookup(s => s.ProjectId);
    }
}
