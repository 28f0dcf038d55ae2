using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Projects.Domain;

/// <summary>One row of a project's characteristics: a parameter, its value and unit, in the project's order.</summary>
internal sealed class Characteristic
{
    public const int ParameterMaxLength = 200;
    public const int ValueMaxLength = 1000;
    public const int UnitMaxLength = 40;

    /// <summary>Rows a project may hold.</summary>
    public const int MaxPerProject = 500;

    private Characteristic()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public int Position { get; private set; }

    public string Parameter { get; private set; } = string.Empty;

    public string Value { get; private set; } = string.Empty;

    public string? Unit { get; private set; }

    public static Characteristic Create(Guid projectId, int position, string parameter, string value, string? unit, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ProjectId = projectId,
        Position = position,
        Parameter = UnicodeText.CleanName(parameter),
        Value = value.Trim(),
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(),
    };
}

/// <summary>A comment in a step's thread.</summary>
internal sealed class StepComment
{
    public const int TextMaxLength = 4000;

    private StepComment()
    {
    }

    public Guid Id { get; private set; }

    public Guid StepId { get; private set; }

    public Guid AuthorId { get; private set; }

    /// <summary>The author's username when they wrote it (the thread reads without asking Identity).</summary>
    public string AuthorName { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public static StepComment Create(Guid stepId, Guid authorId, string authorName, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        StepId = stepId,
        AuthorId = authorId,
        AuthorName = authorName,
        Text = text.Trim(),
        CreatedAt = BuildingBlocks.Domain.Timestamps.Normalize(now),
    };
}
