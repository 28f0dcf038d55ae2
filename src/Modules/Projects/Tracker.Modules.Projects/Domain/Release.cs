using System.Globalization;
using System.Text.RegularExpressions;
using Tracker.BuildingBlocks.Domain;

namespace Tracker.Modules.Projects.Domain;

/// <summary>
/// A desktop release package the module hosts: desktop clients read the manifest of the latest one anonymously and
/// download it. The bytes are kept under the data directory, named by the row's id.
/// </summary>
internal sealed class Release
{
    public const int NotesMaxLength = 20_000;
    public const int FileNameMaxLength = Attachment.FileNameMaxLength;
    public const long MaxPackageBytes = 2L * 1024 * 1024 * 1024;

    private Release()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The semantic version as published (build metadata included).</summary>
    public string Version { get; private set; } = string.Empty;

    /// <summary>The version without build metadata: unique, since two builds of one version would have equal precedence.</summary>
    public string PrecedenceKey { get; private set; } = string.Empty;

    public string? Notes { get; private set; }

    /// <summary>Clients older than this release must install it.</summary>
    public bool Mandatory { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = string.Empty;

    public DateTimeOffset PublishedAt { get; private set; }

    public Guid PublishedBy { get; private set; }

    public SemanticVersion SemanticVersion => SemanticVersion.Parse(Version);

    public static Release Publish(Guid id, SemanticVersion version, string? notes, bool mandatory, string fileName, long size, string sha256, Guid publishedBy, DateTimeOffset now) => new()
    {
        Id = id,
        Version = version.ToString(),
        PrecedenceKey = version.PrecedenceKey,
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
        Mandatory = mandatory,
        FileName = Attachment.CleanFileName(fileName),
        Size = size,
        Sha256 = sha256,
        PublishedBy = publishedBy,
        PublishedAt = Timestamps.Normalize(now),
    };
}

/// <summary>A Semantic Versioning 2.0.0 version, ordered by its precedence rules (build metadata ignored).</summary>
internal sealed partial record SemanticVersion(long Major, long Minor, long Patch, string? PreRelease, string? Build) : IComparable<SemanticVersion>
{
    public const int MaxLength = 100;

    public bool IsPreRelease => PreRelease is not null;

    public string PrecedenceKey => PreRelease is null ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{PreRelease}";

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (text is null || text.Length > MaxLength || Grammar().Match(text) is not { Success: true } match
            || !long.TryParse(match.Groups["major"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !long.TryParse(match.Groups["minor"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !long.TryParse(match.Groups["patch"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
        {
            return false;
        }

        version = new SemanticVersion(major, minor, patch, NullIfEmpty(match.Groups["pre"].Value), NullIfEmpty(match.Groups["build"].Value));
        return true;
    }

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a semantic version.");

    public override string ToString() => Build is null ? PrecedenceKey : $"{PrecedenceKey}+{Build}";

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byNumbers = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (byNumbers != 0)
        {
            return byNumbers;
        }

        // A pre-release ranks below its release; pre-releases compare identifier by identifier.
        return (PreRelease, other.PreRelease) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => ComparePreRelease(PreRelease!.Split('.'), other.PreRelease!.Split('.')),
        };
    }

    private static int ComparePreRelease(string[] left, string[] right)
    {
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var leftNumeric = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var leftNumber);
            var rightNumeric = long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var rightNumber);
            var order = (leftNumeric, rightNumeric) switch
            {
                (true, true) => leftNumber.CompareTo(rightNumber),
                (true, false) => -1, // numeric identifiers rank below alphanumeric ones
                (false, true) => 1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (order != 0)
            {
                return order;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    // The grammar of semver.org: no leading zeros in numbers, dot-separated identifiers; ASCII digits only.
    [GeneratedRegex(@"^(?<major>0|[1-9][0-9]{0,17})\.(?<minor>0|[1-9][0-9]{0,17})\.(?<patch>0|[1-9][0-9]{0,17})(?:-(?<pre>(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
