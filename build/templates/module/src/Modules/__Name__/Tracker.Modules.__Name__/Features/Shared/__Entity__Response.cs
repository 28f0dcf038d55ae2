using Tracker.Modules.__Name__.Domain;

namespace Tracker.Modules.__Name__.Features.Shared;

/// <summary>A __entity_words__ as clients see it.</summary>
internal sealed record __Entity__Response(Guid Id, string Name)
{
    public static __Entity__Response From(__Entity__ entity) => new(entity.Id, entity.Name);
}
