namespace Tracker.Modules.__Name__.Domain;

/// <summary>A __entity_words__: the module's example entity, to be reshaped into its first real one.</summary>
internal sealed class __Entity__
{
    public const int NameMaxLength = 100;

    private __Entity__()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Stored trimmed, never blank (the database checks that too).</summary>
    public string Name { get; private set; } = string.Empty;

    public static bool IsValidName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= NameMaxLength;

    public static __Entity__ Create(string name, DateTimeOffset now) =>
        IsValidName(name)
            ? new() { Id = Guid.CreateVersion7(now), Name = name.Trim() }
            : throw new ArgumentException($"A name has 1 to {NameMaxLength} characters besides spaces; got '{name}'.", nameof(name));
}
