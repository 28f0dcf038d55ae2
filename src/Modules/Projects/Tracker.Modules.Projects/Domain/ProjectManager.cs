using Tracker.BuildingBlocks.Domain;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Projects.Domain;

/// <summary>
/// Someone who runs projects (the directory of project managers). Deactivated rather than deleted, so the projects
/// they ran keep their manager.
/// </summary>
internal sealed class ProjectManager
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 40;
    public const long FirstVersion = 1;

    private ProjectManager()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; private set; }

    public static ProjectManager Create(string name, string? email, string? phone, DateTimeOffset now)
    {
        var manager = new ProjectManager { Id = Guid.CreateVersion7(now), CreatedAt = Timestamps.Normalize(now), Version = FirstVersion, IsActive = true };
        manager.Apply(name, email, phone, isActive: true);
        return manager;
    }

    public void Update(string name, string? email, string? phone, bool isActive)
    {
        Apply(name, email, phone, isActive);
        Version++;
    }

    private void Apply(string name, string? email, string? phone, bool isActive)
    {
        Name = UnicodeText.CleanName(name);
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        IsActive = isActive;
    }
}
