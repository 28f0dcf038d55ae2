using Tracker.BuildingBlocks.Json;
using Tracker.Modules.Projects.Contracts;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Data;

internal static class StepEvents
{
    /// <summary>Announces a step's new status with the change's SaveChanges, when it did change.</summary>
    public static void PublishStatusChange(this ProjectsDbContext db, Step step, WorkStatus from, DateTimeOffset now)
    {
        if (step.Status != from)
        {
            db.Publish(StatusChanged(step, from, now));
        }
    }

    public static StepStatusChanged StatusChanged(Step step, WorkStatus from, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), now, step.ProjectId, step.Id, WireEnum.NameOf(from), WireEnum.NameOf(step.Status));
}
