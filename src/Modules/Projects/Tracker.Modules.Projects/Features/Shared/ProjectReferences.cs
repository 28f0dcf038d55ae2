using Tracker.Modules.Projects.Data;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The rows a project points to must exist (and a newly chosen manager must be active).</summary>
internal static class ProjectReferences
{
    /// <param name="currentManagerId">The manager the project has now: keeping a since deactivated manager is fine.</param>
    public static async Task<Error?> CheckAsync(this ProjectsDbContext db, IProjectFields fields, Guid? currentManagerId, CancellationToken cancellationToken)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == fields.CategoryId, cancellationToken))
        {
            return ProjectsErrors.CategoryNotFound.WithDetail(fields.CategoryId);
        }

        if (fields.ManagerId is { } managerId && managerId != currentManagerId)
        {
            var active = await db.Managers.Where(m => m.Id == managerId).Select(m => (bool?)m.IsActive).SingleOrDefaultAsync(cancellationToken);
            if (active is null)
            {
                return ProjectsErrors.ManagerNotFound.WithDetail(managerId);
            }

            if (active == false)
            {
                return ProjectsErrors.ManagerInactive.WithDetail(managerId);
            }
        }

        return null;
    }
}
