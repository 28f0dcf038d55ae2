using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>Projects with their kept progress, and steps with their subtasks, read by id.</summary>
internal static class ProjectReader
{
    /// <summary>
    /// The projects of a query, in its order, with the progress and step count their writes keep
    /// (<see cref="KeptProgress"/>): one query and one row per project, whatever the number of steps. A project
    /// without its row (made before progress was kept, until the start-up counts it) is at 0.
    /// </summary>
    public static async Task<List<(Project Project, ProjectSummary Summary)>> WithProgressAsync(this IQueryable<Project> projects, ProjectsDbContext db, CancellationToken cancellationToken) =>
        (await projects.LeftJoin(db.KeptProgress, p => p.Id, k => k.ProjectId, (p, k) => new { Project = p, Kept = k == null ? null : new { k.WeightUnits, k.WeightedUnits, k.StepCount } })
            .ToListAsync(cancellationToken))
        .ConvertAll(r => (r.Project, r.Kept is { } k ? new ProjectSummary(Progress.OfSums(k.WeightUnits, k.WeightedUnits), k.StepCount) : new ProjectSummary(0, 0)));

    public static async Task<ProjectResponse?> FindProjectAsync(this ProjectsDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().Where(p => p.Id == id).WithProgressAsync(db, cancellationToken) is [var (project, summary)]
            ? ProjectResponse.From(project, summary)
            : null;

    /// <summary>A step with its subtasks, its progress counted with its project's coefficient.</summary>
    public static async Task<StepResponse?> FindStepAsync(this ProjectsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var found = await db.Steps.AsNoTracking()
            .Where(s => s.Id == id)
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { Step = s, p.InProgressCoefficient })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var subtasks = await db.Subtasks.Where(t => t.StepId == id).Select(SubtaskResponse.Projection).ToArrayAsync(cancellationToken);
        return StepResponse.From(found.Step, SubtaskResponse.InOrder(subtasks), found.InProgressCoefficient);
    }

    /// <summary>Every step of a project in order, with subtasks and progress (after a change to the order).</summary>
    public static async Task<StepList> StepsOfAsync(this ProjectsDbContext db, Guid projectId, decimal coefficient, CancellationToken cancellationToken)
    {
        var steps = await db.Steps.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var subtasks = SubtaskResponse.ByStep(
            await db.Subtasks.Where(t => db.Steps.Any(s => s.Id == t.StepId && s.ProjectId == projectId)).Select(SubtaskResponse.Projection).ToListAsync(cancellationToken));
        return new StepList(steps.ConvertAll(s => StepResponse.From(s, SubtaskResponse.Of(subtasks, s.Id), coefficient)));
    }
}
