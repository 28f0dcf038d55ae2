using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

internal static class SubtaskWeightCounts
{
    /// <summary>
    /// Counts the subtask weights of steps again after their subtasks changed, in the change's transaction and
    /// under each step's subtask lock (<see cref="Positions.LockSubtasksOfAsync"/>), so two changes to one step's
    /// subtasks never count from each other's old rows. The sums are made here, not in SQL: SQLite keeps decimals as text.
    /// The step's version moves too: its answer (subtasks, progress) changed, so its ETag must; and its project's kept
    /// progress is counted again.
    /// </summary>
    public static async Task RecountSubtasksAsync(this ProjectsDbContext db, IReadOnlyCollection<Guid> stepIds, CancellationToken cancellationToken)
    {
        var subtasks = (await db.Subtasks.AsNoTracking().Where(t => stepIds.Contains(t.StepId)).Select(t => new { t.StepId, t.Weight, t.Status }).ToListAsync(cancellationToken))
            .ToLookup(t => t.StepId, t => (t.Weight, t.Status));
        foreach (var stepId in stepIds)
        {
            var weights = SubtaskWeights.Of(subtasks[stepId]);
            await db.Steps.Where(s => s.Id == stepId).ExecuteUpdateAsync(
                set => set.SetProperty(s => s.SubtaskWeight, weights.Total)
                    .SetProperty(s => s.SubtaskDoneWeight, weights.Done)
                    .SetProperty(s => s.SubtaskInProgressWeight, weights.InProgress)
                    .SetProperty(s => s.Version, s => s.Version + 1),
                cancellationToken);
        }

        await db.RecountProgressAsync(await db.Steps.Where(s => stepIds.Contains(s.Id)).Select(s => s.ProjectId).Distinct().ToListAsync(cancellationToken), cancellationToken);
    }
}
