using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>
/// Keeps each project's <see cref="KeptProgress"/> true. A write that changes what a project's progress is made of
/// takes the project's lock before it writes any row (<see cref="LockProgressOfAsync"/>), so two such writes count
/// one after the other and never from each other's old rows; always taking it first also means no two writes wait
/// for each other in a circle. Before its last save it calls <see cref="KeepProgressAsync"/>.
/// </summary>
internal static class KeptProgressWrites
{
    /// <summary>The projects' locks, in id order. The lock is the one their step positions take.</summary>
    public static async Task LockProgressOfAsync(this ProjectsDbContext db, IEnumerable<Guid> projectIds, CancellationToken cancellationToken)
    {
        foreach (var projectId in projectIds.Distinct().Order())
        {
            await db.LockStepsOfAsync(projectId, cancellationToken);
        }
    }

    /// <summary>
    /// Counts the projects' progress again from their steps as this transaction leaves them: the rows it has written
    /// and the changes it tracks but has not saved yet. The next save writes the counts.
    /// </summary>
    /// <returns>Each project's in-progress coefficient as counted with (projects deleted in between are left out).</returns>
    public static async Task<IReadOnlyDictionary<Guid, decimal>> KeepProgressAsync(this ProjectsDbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken cancellationToken)
    {
        var stored = await db.Projects.AsNoTracking()
            .Where(p => projectIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.InProgressCoefficient,
                Steps = db.Steps.Where(s => s.ProjectId == p.Id)
                    .Select(s => new StepInputs(s.Id, s.Status, s.Weight, new SubtaskWeights(s.SubtaskWeight, s.SubtaskDoneWeight, s.SubtaskInProgressWeight)))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        // Unchanged entries are left to the rows: an ExecuteUpdate of this transaction may have changed those since.
        var trackedSteps = db.ChangeTracker.Entries<Step>()
            .Where(e => (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && projectIds.Contains(e.Entity.ProjectId))
            .ToDictionary(e => e.Entity.Id);
        var coefficients = new Dictionary<Guid, decimal>();
        foreach (var project in stored)
        {
            var coefficient = db.Projects.Local.FindEntry(project.Id)?.Entity.InProgressCoefficient ?? project.InProgressCoefficient;
            var steps = project.Steps.Where(s => !trackedSteps.ContainsKey(s.StepId)).ToList();
            steps.AddRange(trackedSteps.Values
                .Where(e => e.Entity.ProjectId == project.Id && e.State != EntityState.Deleted)
                .Select(e => new StepInputs(e.Entity.Id, e.Entity.Status, e.Entity.Weight, e.Entity.SubtaskWeights)));
            Keep(db, KeptProgress.Of(project.Id, Progress.OfProject(steps, coefficient), steps.Count));
            coefficients[project.Id] = coefficient;
        }

        return coefficients;
    }

    /// <summary>Marks the counts to be written without reading the row first: only the key and the two counts matter.</summary>
    private static void Keep(ProjectsDbContext db, KeptProgress counted)
    {
        var entry = db.KeptProgress.Local.FindEntry(counted.ProjectId) is { } tracked
            ? tracked
            : db.KeptProgress.Attach(counted);
        entry.CurrentValues.SetValues(counted);
        entry.Property(k => k.Progress).IsModified = true;
        entry.Property(k => k.StepCount).IsModified = true;
    }
}
