using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

internal static class SubtaskWeightCounts
{
    /// <summary>
    /// Counts the subtask weights of steps again after their subtasks changed, in the change's transaction and
    /// under each step's subtask lock and row lock (<see cref="Positions.LockSubtasksOfAsync"/>), so two changes to one
    /// step's subtasks never count from each other's old rows. The sums are made here, not in SQL: SQLite keeps
    /// decimals as text. Each step's project's kept progress moves by what the step's progress changed.
    /// </summary>
    public static async Task RecountSubtasksAsync(this ProjectsDbContext db, IReadOnlyCollection<Guid> stepIds, CancellationToken cancellationToken)
    {
        var subtasks = (await db.Subtasks.AsNoTracking().Where(t => stepIds.Contains(t.StepId)).Select(t => new { t.StepId, t.Weight, t.Status }).ToListAsync(cancellationToken))
            .ToLookup(t => t.StepId, t => (t.Weight, t.Status));
        var steps = await db.Steps.AsNoTracking().Where(s => stepIds.Contains(s.Id))
            .Select(s => new { s.Id, s.ProjectId, Inputs = new StepInputs(s.Status, s.Weight, new SubtaskWeights(s.SubtaskWeight, s.SubtaskDoneWeight, s.SubtaskInProgressWeight)) })
            .ToListAsync(cancellationToken);
        var changes = new List<KeptProgressWrites.StepChange>();
        foreach (var step in steps.OrderBy(s => s.Id))
        {
            var weights = SubtaskWeights.Of(subtasks[step.Id]);
            if (weights == step.Inputs.Subtasks)
            {
                continue;
            }

            await db.Steps.Where(s => s.Id == step.Id).ExecuteUpdateAsync(
                set => set.SetProperty(s => s.SubtaskWeight, weights.Total)
                    .SetProperty(s => s.SubtaskDoneWeight, weights.Done)
                    .SetProperty(s => s.SubtaskInProgressWeight, weights.InProgress),
                cancellationToken);
            changes.Add(new KeptProgressWrites.StepChange(step.ProjectId, step.Inputs, step.Inputs with { Subtasks = weights }));
        }

        await db.MoveProgressAsync(changes, cancellationToken);
    }
}
