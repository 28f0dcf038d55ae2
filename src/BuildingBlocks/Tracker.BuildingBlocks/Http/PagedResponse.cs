namespace Tracker.BuildingBlocks.Http;

/// <summary>One page of a list that can grow; <see cref="TotalCount"/> counts every match, not just this page.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
