using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.Shared;

internal static class TypeNameRules
{
    public static IRuleBuilderOptions<T, string> ValidTypeName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("The name must not be empty.")
            .Must(name => name is null || name.Trim().Length <= MiniatureType.NameMaxLength).WithMessage($"The name must be at most {MiniatureType.NameMaxLength} characters.");

    /// <summary>
    /// Saves, turning a unique-name violation (a concurrent request took the name between our check and our
    /// insert) into false. Any other failure propagates.
    /// </summary>
    public static async Task<bool> TrySaveUniqueAsync(this MiniaturesDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<MiniatureType>().Any())
        {
            var names = db.ChangeTracker.Entries<MiniatureType>().Select(e => e.Entity.NormalizedName).ToList();
            var ids = db.ChangeTracker.Entries<MiniatureType>().Select(e => e.Entity.Id).ToList();
            db.ChangeTracker.Clear();
            if (await db.Types.AnyAsync(t => names.Contains(t.NormalizedName) && !ids.Contains(t.Id), cancellationToken))
            {
                return false;
            }

            throw;
        }
    }
}
