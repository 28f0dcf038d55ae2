using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

internal sealed record CharacteristicResponse(string Parameter, string Value, string? Unit)
{
    public static CharacteristicResponse From(Characteristic c) => new(c.Parameter, c.Value, c.Unit);
}

/// <summary>A project's characteristics, in order.</summary>
internal sealed record CharacteristicList(IReadOnlyList<CharacteristicResponse> Items);

internal static class Characteristics
{
    public static async Task<CharacteristicList> CharacteristicsOfAsync(this Data.ProjectsDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        new((await db.Characteristics.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.Position).ToListAsync(cancellationToken))
            .ConvertAll(CharacteristicResponse.From));
}
