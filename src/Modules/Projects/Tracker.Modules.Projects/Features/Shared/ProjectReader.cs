using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>Projects with their kept progress, and steps with their subtasks, read by id.</summary>
internal static class ProjectReader
{
    /// <summary>
    /// The progress and step count of each project, as their writes keep them (<see cref="KeptProgress"/>): one row per
    /// project, whatever the number of steps (a page of 50 projects reaches some 1,500).
    /// </summary>
    public static async Task<List<(Project Project, ProjectSummary Summary)>> WithProgressAsync(this ProjectsDbContext db, List<Project> projects, CancellationToken cancellationToken)
    {
        if (projects.Count == 0)
        {
            return [];
        }

        var projectIds = projects.ConvertAll(p => p.Id);
        var kept = await db.KeptProgress.AsNoTracking().Where(k => projectIds.Contains(k.ProjectId)).ToDictionaryAsync(k => k.ProjectId, cancellationToken);
        return projects.ConvertAll(p => (p, kept.TryGetValue(p.Id, out var k) ? new ProjectSummary(k.Progress, k.StepCount) : new ProjectSummary(0, 0)));
    }

    public static async Task<ProjectResponse?> FindProjectAsync(this ProjectsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return null;
        }

        var (_, summary) = (await db.WithProgressAsync([project], cancellationToken))[0];
        return ProjectResponse.From(project, summary);
    }

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

        var subtasks = await db.Subtasks.AsNoTracking().Where(t => t.StepId == id).ToListAsync(cancellationToken);
        return StepResponse.From(found.Step, subtasks, found.InProgressCoefficient);
    }

    /// <summary>Every step of a project in order, with subtasks and progress (after a change to the order).</summary>
    public static async Task<StepList> StepsOfAsync(this ProjectsDbContext db, Guid projectId, decimal coefficient, CancellationToken cancellationToken)
    {
        var steps = await db.Steps.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var subtasks = (await db.Subtasks.AsNoTracking().Where(t => db.Steps.Any(s => s.Id == t.StepId && s.ProjectId == projectId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.StepId);
        return new StepList(steps.ConvertAll(s => StepResponse.From(s, subtasks[s.Id], coefficient)));
    }
}
