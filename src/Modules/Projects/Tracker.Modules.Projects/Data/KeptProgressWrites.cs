using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Data;

/// <summary>
/// Keeps each project's <see cref="KeptProgress"/> sums true. A saved change to tracked steps moves its projects'
/// sums by what it changed (<see cref="MoveProgressAsync"/>): additions commute, so concurrent changes to one
/// project's steps take no lock and never wait for each other, and the progress row is the last row a write
/// changes, so no two writes wait for each other in a circle. Changes made without tracking (bulk deletes, subtask
/// counts) and a new coefficient count the sums again (<see cref="RecountProgressAsync"/>).
/// </summary>
internal static class KeptProgressWrites
{
    /// <summary>A step as it was before a change and as it is after (null: it did not exist).</summary>
    internal sealed record StepChange(Guid ProjectId, StepInputs? Before, StepInputs? After);

    /// <summary>The tracked steps a save will add, change or delete, as read and as they will be.</summary>
    public static List<StepChange> StepChangesOf(ChangeTracker tracker) =>
        [.. tracker.Entries<Step>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new StepChange(
                e.Entity.ProjectId,
                e.State == EntityState.Added ? null : InputsOf(e.OriginalValues),
                e.State == EntityState.Deleted ? null : InputsOf(e.CurrentValues)))
            .Where(c => c.Before != c.After)];

    /// <summary>The tracked projects whose in-progress coefficient a save will change.</summary>
    public static HashSet<Guid> NewCoefficientsOf(ChangeTracker tracker) =>
        [.. tracker.Entries<Project>()
            .Where(e => e.State == EntityState.Modified && e.Property(p => p.InProgressCoefficient).IsModified
                && e.Property(p => p.InProgressCoefficient).OriginalValue != e.Entity.InProgressCoefficient)
            .Select(e => e.Entity.Id)];

    private static StepInputs InputsOf(PropertyValues step) => new(
        step.GetValue<WorkStatus>(nameof(Step.Status)),
        step.GetValue<decimal>(nameof(Step.Weight)),
        new SubtaskWeights(
            step.GetValue<decimal>(nameof(Step.SubtaskWeight)),
            step.GetValue<decimal>(nameof(Step.SubtaskDoneWeight)),
            step.GetValue<decimal>(nameof(Step.SubtaskInProgressWeight))));

    /// <summary>Each attempt follows a new coefficient counted meanwhile: more than a few in a moment is a fault, not a race.</summary>
    private const int MaxMoveAttempts = 10;

    /// <summary>
    /// Adds what the saved changes changed to their projects' sums, at the coefficient the sums are counted at. When
    /// a new coefficient was counted after this write read its own, the count saw this write's steps as they were
    /// (they were not committed), so the change is added again at the new one.
    /// </summary>
    public static async Task MoveProgressAsync(this ProjectsDbContext db, IReadOnlyList<StepChange> changes, CancellationToken cancellationToken)
    {
        foreach (var project in changes.GroupBy(c => c.ProjectId).OrderBy(g => g.Key))
        {
            var steps = project.Sum(c => (c.After is null ? 0 : 1) - (c.Before is null ? 0 : 1));
            var coefficient = db.CoefficientsRead.TryGetValue(project.Key, out var read) ? read : await db.CountedAtAsync(project.Key, cancellationToken);
            for (var attempt = 1; coefficient is { } countedAt; attempt++)
            {
                if (attempt > MaxMoveAttempts)
                {
                    throw new InvalidOperationException($"The kept progress of project {project.Key} kept moving to new coefficients.");
                }

                var (weight, weighted) = MoveAt(project, countedAt);
                var moved = await db.KeptProgress.Where(k => k.ProjectId == project.Key && k.CountedAt == countedAt)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(k => k.WeightUnits, k => k.WeightUnits + weight)
                            .SetProperty(k => k.WeightedUnits, k => k.WeightedUnits + weighted)
                            .SetProperty(k => k.StepCount, k => k.StepCount + steps),
                        cancellationToken);
                // No row: the project was deleted meanwhile, and its steps with it.
                coefficient = moved == 1 ? null : await db.CountedAtAsync(project.Key, cancellationToken);
            }
        }
    }

    /// <summary>What changes move a project's sums by, at a coefficient.</summary>
    public static (long WeightUnits, long WeightedUnits) MoveAt(IEnumerable<StepChange> changes, decimal coefficient)
    {
        var (weight, weighted) = (0L, 0L);
        foreach (var change in changes)
        {
            var before = change.Before?.ShareAt(coefficient) ?? default;
            var after = change.After?.ShareAt(coefficient) ?? default;
            weight = checked(weight + after.WeightUnits - before.WeightUnits);
            weighted = checked(weighted + after.WeightedUnits - before.WeightedUnits);
        }

        return (weight, weighted);
    }

    private static Task<decimal?> CountedAtAsync(this ProjectsDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        db.KeptProgress.Where(k => k.ProjectId == projectId).Select(k => (decimal?)k.CountedAt).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Counts the projects' sums again from their steps as this transaction sees them (its own writes included), at
    /// their coefficient. The row is locked before the steps are read, so a move either lands before and is counted,
    /// or waits and lands on the count; the coefficient is read after it, so a concurrent new one is never undone.
    /// </summary>
    public static async Task RecountProgressAsync(this ProjectsDbContext db, IEnumerable<Guid> projectIds, CancellationToken cancellationToken)
    {
        foreach (var projectId in projectIds.Distinct().Order())
        {
            var row = db.KeptProgress.Where(k => k.ProjectId == projectId);
            if (await row.ExecuteUpdateAsync(set => set.SetProperty(k => k.StepCount, k => k.StepCount), cancellationToken) == 0
                || await db.Projects.Where(p => p.Id == projectId).Select(p => (decimal?)p.InProgressCoefficient).SingleOrDefaultAsync(cancellationToken) is not { } coefficient)
            {
                continue;
            }

            var shares = (await db.Steps.Where(s => s.ProjectId == projectId)
                    .Select(s => new StepInputs(s.Status, s.Weight, new SubtaskWeights(s.SubtaskWeight, s.SubtaskDoneWeight, s.SubtaskInProgressWeight)))
                    .ToListAsync(cancellationToken))
                .ConvertAll(s => s.ShareAt(coefficient));
            var weight = shares.Sum(s => s.WeightUnits);
            var weighted = shares.Sum(s => s.WeightedUnits);
            await row.ExecuteUpdateAsync(
                set => set.SetProperty(k => k.CountedAt, coefficient)
                    .SetProperty(k => k.WeightUnits, weight)
                    .SetProperty(k => k.WeightedUnits, weighted)
                    .SetProperty(k => k.StepCount, shares.Count),
                cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the projects' steps (their subtasks by cascade) ahead of the projects themselves, so that a project's
    /// delete locks its step rows before its progress row, as every other write does, whatever order the database
    /// would cascade in.
    /// </summary>
    public static Task<int> DeleteStepsOfProjectsAsync(this ProjectsDbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken cancellationToken) =>
        db.Steps.Where(s => projectIds.Contains(s.ProjectId)).ExecuteDeleteAsync(cancellationToken);
}
