using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Projects.Domain;

/// <summary>A group of projects (a product line, a customer, a department), shown in its sort order.</summary>
internal sealed class Category
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2000;
    public const long FirstVersion = 1;

    private Category()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Stored trimmed and composed (NFC).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The name folded for uniqueness: two categories never differ only by case or encoding.</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    /// <summary>A CSS colour, <c>#rrggbb</c>.</summary>
    public string? Color { get; private set; }

    public int SortOrder { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; private set; }

    public static Category Create(string name, string? description, string? color, int sortOrder, DateTimeOffset now)
    {
        var category = new Category { Id = Guid.CreateVersion7(now), CreatedAt = Timestamps.Normalize(now), Version = FirstVersion };
        category.Apply(name, description, color, sortOrder);
        return category;
    }

    public void Update(string name, string? description, string? color, int sortOrder)
    {
        Apply(name, description, color, sortOrder);
        Version++;
    }

    public static string Normalize(string name) => UnicodeText.FoldName(name);

    private void Apply(string name, string? description, string? color, int sortOrder)
    {
        Name = UnicodeText.CleanName(name);
        NormalizedName = Normalize(name);
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Color = color?.ToLowerInvariant();
        SortOrder = sortOrder;
    }
}
