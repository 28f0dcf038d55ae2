using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>A category as clients see it; its version travels as the ETag.</summary>
internal sealed record CategoryResponse(Guid Id, string Name, string? Description, string? Color, int SortOrder, DateTimeOffset CreatedAt) : IVersionedResource
{
    [JsonIgnore]
    public long Version { get; init; }

    public static CategoryResponse From(Category c) => new(c.Id, c.Name, c.Description, c.Color, c.SortOrder, c.CreatedAt) { Version = c.Version };
}

/// <summary>A project manager of the directory.</summary>
internal sealed record ManagerResponse(Guid Id, string Name, string? Email, string? Phone, bool IsActive, DateTimeOffset CreatedAt) : IVersionedResource
{
    [JsonIgnore]
    public long Version { get; init; }

    public static ManagerResponse From(ProjectManager m) => new(m.Id, m.Name, m.Email, m.Phone, m.IsActive, m.CreatedAt) { Version = m.Version };
}

/// <summary>A project with its progress (0..1, see <c>GET /projects/{id}/progress</c> for how it is made).</summary>
internal sealed record ProjectResponse(
    Guid Id,
    Guid CategoryId,
    Guid? ManagerId,
    string Code,
    string Name,
    string? Description,
    ProjectStatus Status,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateOnly? ActualStart,
    DateOnly? ActualEnd,
    decimal? PlannedBudget,
    decimal? ContractPrice,
    decimal InProgressCoefficient,
    Guid? CoverAttachmentId,
    decimal Progress,
    int StepCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersionedResource
{
    [JsonIgnore]
    public long Version { get; init; }

    /// <summary>Steps change the progress and the count without a new version of the project.</summary>
    string IVersionedResource.Derived => string.Create(CultureInfo.InvariantCulture, $"{Progress:0.############################}-{StepCount}");

    public static ProjectResponse From(Project p, ProjectSummary summary) => new(
        p.Id, p.CategoryId, p.ManagerId, p.Code, p.Name, p.Description, p.Status, p.PlannedStart, p.PlannedEnd,
        p.ActualStart, p.ActualEnd, p.PlannedBudget, p.ContractPrice, p.InProgressCoefficient, p.CoverAttachmentId, summary.Progress,
        summary.StepCount, p.CreatedAt, p.UpdatedAt)
    { Version = p.Version };
}

/// <summary>What a project's reads show of its steps: the progress they make and how many there are.</summary>
internal sealed record ProjectSummary(decimal Progress, int StepCount);

/// <summary>A step with its progress and its subtasks in order.</summary>
internal sealed record StepResponse(
    Guid Id,
    Guid ProjectId,
    string Name,
    string? Description,
    WorkStatus Status,
    decimal Weight,
    int Position,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateOnly? ActualStart,
    DateOnly? ActualEnd,
    string? Assignee,
    Guid? AssigneeManagerId,
    decimal Progress,
    IReadOnlyList<SubtaskResponse> Subtasks,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersionedResource
{
    [JsonIgnore]
    public long Version { get; init; }

    /// <summary>The project's coefficient changes the progress, a reorder or a delete the position, without a new version of the step.</summary>
    string IVersionedResource.Derived => string.Create(CultureInfo.InvariantCulture, $"{Progress:0.############################}-{Position}");

    /// <summary>
    /// The step with its subtasks, given in their order (<see cref="SubtaskResponse.InOrder"/>,
    /// <see cref="SubtaskResponse.ByStep"/>); its progress counted from them (not from the sums it keeps, which may be
    /// newer than the subtasks read).
    /// </summary>
    public static StepResponse From(Step s, SubtaskResponse[] orderedSubtasks, decimal coefficient)
    {
        var progress = Domain.Progress.OfStep(s.Status, SubtaskWeights.Of(orderedSubtasks.Select(t => (t.Weight, t.Status))), coefficient);
        return new(
            s.Id, s.ProjectId, s.Name, s.Description, s.Status, s.Weight, s.Position, s.PlannedStart, s.PlannedEnd,
            s.ActualStart, s.ActualEnd, s.Assignee, s.AssigneeManagerId, progress, orderedSubtasks, s.CreatedAt, s.UpdatedAt)
        { Version = s.Version };
    }
}

/// <summary>All the steps of a project, in order.</summary>
internal sealed record StepList(IReadOnlyList<StepResponse> Items);

internal sealed record SubtaskResponse(
    Guid Id,
    Guid StepId,
    string Name,
    WorkStatus Status,
    decimal Weight,
    int Position,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateOnly? ActualStart,
    DateOnly? ActualEnd,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersionedResource
{
    [JsonIgnore]
    public long Version { get; init; }

    /// <summary>A reorder or a delete changes the position without a new version of the subtask.</summary>
    string IVersionedResource.Derived => Position.ToString(CultureInfo.InvariantCulture);

    /// <summary>The response as a query can project it: lists read subtasks straight into responses, with no entity between.</summary>
    public static readonly Expression<Func<Subtask, SubtaskResponse>> Projection = t => new SubtaskResponse(
        t.Id, t.StepId, t.Name, t.Status, t.Weight, t.Position, t.PlannedStart, t.PlannedEnd, t.ActualStart,
        t.ActualEnd, t.CreatedAt, t.UpdatedAt)
    { Version = t.Version };

    private static readonly Func<Subtask, SubtaskResponse> FromSubtask = Projection.Compile();

    public static SubtaskResponse From(Subtask t) => FromSubtask(t);

    /// <summary>One step's subtasks in their order (sorted in place).</summary>
    public static SubtaskResponse[] InOrder(SubtaskResponse[] subtasks)
    {
        Array.Sort(subtasks, static (a, b) => a.Position.CompareTo(b.Position));
        return subtasks;
    }

    /// <summary>
    /// The subtasks of several steps, by step, each step's in their order: one sort and one array per step, where a
    /// lookup and a sort per step made a third of the allocations of a project's step list.
    /// </summary>
    public static Dictionary<Guid, SubtaskResponse[]> ByStep(List<SubtaskResponse> subtasks)
    {
        subtasks.Sort(static (a, b) => a.StepId == b.StepId ? a.Position.CompareTo(b.Position) : a.StepId.CompareTo(b.StepId));
        var all = CollectionsMarshal.AsSpan(subtasks);
        var byStep = new Dictionary<Guid, SubtaskResponse[]>();
        for (var start = 0; start < all.Length;)
        {
            var end = start + 1;
            while (end < all.Length && all[end].StepId == all[start].StepId)
            {
                end++;
            }

            byStep[all[start].StepId] = all[start..end].ToArray();
            start = end;
        }

        return byStep;
    }

    /// <summary>A step's subtasks from <see cref="ByStep"/>: none when it has none.</summary>
    public static SubtaskResponse[] Of(Dictionary<Guid, SubtaskResponse[]> byStep, Guid stepId) =>
        byStep.TryGetValue(stepId, out var subtasks) ? subtasks : [];
}

/// <summary>A comment of a step's thread.</summary>
internal sealed record StepCommentResponse(Guid Id, Guid StepId, Guid AuthorId, string AuthorName, string Text, DateTimeOffset CreatedAt)
{
    public static StepCommentResponse From(StepComment c) => new(c.Id, c.StepId, c.AuthorId, c.AuthorName, c.Text, c.CreatedAt);
}
