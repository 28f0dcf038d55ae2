namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The body of a call on many resources at once.</summary>
/// <param name="Ids">1 to 200 ids; an id given twice counts once.</param>
internal sealed record BulkIdsRequest(IReadOnlyList<Guid> Ids);

internal static class BulkIds
{
    public const int Max = 200;

    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>> BulkIdList<T>(this IRuleBuilder<T, IReadOnlyList<Guid>> rule) =>
        rule.NotEmpty().Must(ids => ids.Count <= Max).WithMessage($"At most {Max} ids at once.");

    /// <summary>All or nothing: the ids that name nothing, as the answer that rejects the whole call.</summary>
    public static Error? Unknown(IReadOnlyCollection<Guid> requested, IEnumerable<Guid> found)
    {
        var unknown = requested.Except(found).ToList();
        return unknown.Count == 0 ? null : ProjectsErrors.UnknownIds.WithDetail(unknown.Count).WithExtension("unknownIds", unknown);
    }
}
