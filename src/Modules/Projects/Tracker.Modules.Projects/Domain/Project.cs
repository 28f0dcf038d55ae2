using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Projects.Domain;

/// <summary>What a project is made of when it is created or edited: every field a client sets.</summary>
internal sealed record ProjectDetails(
    Guid CategoryId,
    Guid? ManagerId,
    string Code,
    string Name,
    string? Description,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateOnly? ActualStart,
    DateOnly? ActualEnd,
    decimal? PlannedBudget,
    decimal? ContractPrice,
    decimal InProgressCoefficient);

/// <summary>A project of a category: its steps (and their subtasks) make its progress.</summary>
internal sealed class Project
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const long FirstVersion = 1;

    /// <summary>The largest amount of money a project holds: 16 digits before the point, 2 after.</summary>
    public const decimal MaxMoney = 9_999_999_999_999_999.99m;

    /// <summary>What a step in progress counts for when the workspace sets nothing else.</summary>
    public const decimal DefaultInProgressCoefficient = 0.5m;

    private Project()
    {
    }

    public Guid Id { get; private set; }

    public Guid CategoryId { get; private set; }

    public Guid? ManagerId { get; private set; }

    /// <summary>The short code people quote ("HR-2026-014"); unique, ignoring case.</summary>
    public string Code { get; private set; } = string.Empty;

    public string NormalizedCode { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public ProjectStatus Status { get; private set; }

    public DateOnly? PlannedStart { get; private set; }

    public DateOnly? PlannedEnd { get; private set; }

    public DateOnly? ActualStart { get; private set; }

    public DateOnly? ActualEnd { get; private set; }

    public decimal? PlannedBudget { get; private set; }

    public decimal? ContractPrice { get; private set; }

    /// <summary>What a step or subtask in progress counts for (0..1).</summary>
    public decimal InProgressCoefficient { get; private set; }

    /// <summary>The picture that stands for the project: one of its own attachments, an image.</summary>
    public Guid? CoverAttachmentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public static Project Create(ProjectDetails details, DateTimeOffset now)
    {
        var at = Timestamps.Normalize(now);
        var project = new Project { Id = Guid.CreateVersion7(now), CreatedAt = at, Version = FirstVersion, Status = ProjectStatus.active };
        project.Apply(details, at);
        return project;
    }

    public void Update(ProjectDetails details, DateTimeOffset now)
    {
        Apply(details, Timestamps.Normalize(now));
        Version++;
    }

    public void SetStatus(ProjectStatus status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }

    /// <summary>Sets or clears the cover; the attachment is the caller's to check (<see cref="Attachment.CanBeCoverOf"/>).</summary>
    public void SetCover(Guid? attachmentId, DateTimeOffset now)
    {
        CoverAttachmentId = attachmentId;
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }

    public static string NormalizeCode(string code) => UnicodeText.FoldName(code);

    /// <summary>A project is overdue when its planned end has passed and it has not ended.</summary>
    public bool IsOverdue(DateOnly today) => PlannedEnd is { } end && end < today && ActualEnd is null && Status == ProjectStatus.active;

    private void Apply(ProjectDetails details, DateTimeOffset at)
    {
        CategoryId = details.CategoryId;
        ManagerId = details.ManagerId;
        Code = UnicodeText.CleanName(details.Code);
        NormalizedCode = NormalizeCode(details.Code);
        Name = UnicodeText.CleanName(details.Name);
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        PlannedStart = details.PlannedStart;
        PlannedEnd = details.PlannedEnd;
        ActualStart = details.ActualStart;
        ActualEnd = details.ActualEnd;
        PlannedBudget = details.PlannedBudget;
        ContractPrice = details.ContractPrice;
        InProgressCoefficient = details.InProgressCoefficient;
        UpdatedAt = at;
    }
}
