using Tracker.Modules.Projects.Data;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The rows a project or a step points to must exist (and a newly chosen manager must be active).</summary>
internal static class ProjectReferences
{
    /// <param name="currentManagerId">The manager the project has now: keeping a since deactivated manager is fine.</param>
    public static async Task<Error?> CheckAsync(this ProjectsDbContext db, IProjectFields fields, Guid? currentManagerId, CancellationToken cancellationToken)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == fields.CategoryId, cancellationToken))
        {
            return ProjectsErrors.CategoryNotFound.WithDetail(fields.CategoryId);
        }

        return await db.CheckManagerAsync(fields.ManagerId, currentManagerId, cancellationToken);
    }

    /// <summary>A manager a project or a step is given must exist, and be active unless it already had them.</summary>
    /// <param name="currentManagerId">The manager it has now: keeping a since deactivated manager is fine.</param>
    public static async Task<Error?> CheckManagerAsync(this ProjectsDbContext db, Guid? managerId, Guid? currentManagerId, CancellationToken cancellationToken)
    {
        if (managerId is not { } id || id == currentManagerId)
        {
            return null;
        }

        var active = await db.Managers.Where(m => m.Id == id).Select(m => (bool?)m.IsActive).SingleOrDefaultAsync(cancellationToken);
        return active switch
        {
            null => ProjectsErrors.ManagerNotFound.WithDetail(id),
            false => ProjectsErrors.ManagerInactive.WithDetail(id),
            _ => null,
        };
    }
}
