using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>
/// Steps of a project, subtasks of a step and characteristics of a project hold dense positions 0..n-1. Whatever
/// changes them (an add, a delete, a reorder, a replace) takes one lock per parent inside its transaction, so two of
/// them never interleave.
/// </summary>
internal static class Positions
{
    /// <summary>
    /// The lock on what a project holds: its steps, its characteristics and its attachments are added, deleted and
    /// reordered under it, and a project's delete takes it first, so it finds them all, and what comes after it
    /// finds the project gone (rather than the two waiting for each other's rows in a circle).
    /// </summary>
    public static Task LockContentsOfAsync(this ProjectsDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        db.Database.AcquireTransactionLockAsync($"projects:contents:{projectId:N}", cancellationToken);

    /// <summary>The locks of several projects, in id order, so that two such calls never wait for each other in a circle.</summary>
    public static async Task LockContentsOfAsync(this ProjectsDbContext db, IEnumerable<Guid> projectIds, CancellationToken cancellationToken)
    {
        foreach (var projectId in projectIds.Distinct().Order())
        {
            await db.LockContentsOfAsync(projectId, cancellationToken);
        }
    }

    /// <summary>
    /// The step's subtask lock, then its row, before any subtask row: a subtask change is a new version of its step
    /// (whose answer lists its subtasks and progress, so its ETag must move), and taking the step's row first is the
    /// order a step's delete takes them in (its subtasks go by cascade), so the two never wait for each other.
    /// </summary>
    public static async Task LockSubtasksOfAsync(this ProjectsDbContext db, Guid stepId, CancellationToken cancellationToken)
    {
        await db.Database.AcquireTransactionLockAsync($"projects:subtasks:{stepId:N}", cancellationToken);
        await db.Steps.Where(s => s.Id == stepId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Version, s => s.Version + 1), cancellationToken);
    }

    /// <summary>
    /// Renumbers a project's steps 0..n-1 in their order, after a delete left a gap. Call under its lock. A
    /// position is not part of what a client edits, so it changes without the version (and without meeting a
    /// concurrent status change's new version).
    /// </summary>
    public static async Task RepackStepsAsync(this ProjectsDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var steps = await db.Steps.Where(s => s.ProjectId == projectId).OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => new { s.Id, s.Position }).ToListAsync(cancellationToken);
        for (var position = 0; position < steps.Count; position++)
        {
            if (steps[position].Position != position)
            {
                var (id, to) = (steps[position].Id, position);
                await db.Steps.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Position, to), cancellationToken);
            }
        }
    }

    /// <summary>Renumbers a step's subtasks 0..n-1 in their order (see <see cref="RepackStepsAsync"/>). Call under its lock.</summary>
    public static async Task RepackSubtasksAsync(this ProjectsDbContext db, Guid stepId, CancellationToken cancellationToken)
    {
        var subtasks = await db.Subtasks.Where(t => t.StepId == stepId).OrderBy(t => t.Position).ThenBy(t => t.Id).Select(t => new { t.Id, t.Position }).ToListAsync(cancellationToken);
        for (var position = 0; position < subtasks.Count; position++)
        {
            if (subtasks[position].Position != position)
            {
                var (id, to) = (subtasks[position].Id, position);
                await db.Subtasks.Where(t => t.Id == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Position, to), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Puts items in the order of <paramref name="newOrder"/>, which must name each of <paramref name="current"/>
    /// (the parent's items, read under its lock) exactly once: a client that missed an add or a delete gets
    /// <see cref="ProjectsErrors.OrderMismatch"/> and re-reads. Only items whose position changes are written.
    /// </summary>
    public static async Task<Result> ReorderAsync(IReadOnlyList<(Guid Id, int Position)> current, IReadOnlyList<Guid> newOrder, Func<Guid, int, Task> moveTo)
    {
        if (newOrder.Count != current.Count || newOrder.Distinct().Count() != newOrder.Count || !newOrder.ToHashSet().SetEquals(current.Select(c => c.Id)))
        {
            return ProjectsErrors.OrderMismatch.WithDetail(current.Count);
        }

        var positions = current.ToDictionary(c => c.Id, c => c.Position);
        for (var position = 0; position < newOrder.Count; position++)
        {
            if (positions[newOrder[position]] != position)
            {
                await moveTo(newOrder[position], position);
            }
        }

        return Result.Success();
    }
}
