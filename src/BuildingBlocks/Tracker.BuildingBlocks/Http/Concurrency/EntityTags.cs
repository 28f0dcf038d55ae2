using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Tracker.BuildingBlocks.Http.Concurrency;

/// <summary>
/// A representation of a row that carries a version which every change of the resource increments. The version
/// is the resource's strong ETag, so clients can read conditionally and write optimistically.
/// </summary>
public interface IVersionedResource
{
    long Version { get; }

    /// <summary>
    /// What the representation shows that other rows decide (a progress counted from children, a position among
    /// siblings), as tag characters (digits, '.', '-'), or null. It follows the version in the ETag, so that
    /// If-None-Match sees it change; If-Match compares the version alone, so that a write is not refused for a
    /// change made elsewhere that it does not conflict with.
    /// </summary>
    string? Derived => null;
}

/// <summary>Strong entity tags made from row versions: <c>"42"</c>, or <c>"42-0.5-3"</c> with derived state.</summary>
public static class EntityTags
{
    private static readonly SearchValues<char> DerivedCharacters = SearchValues.Create("0123456789.-");

    public static string Format(long version, string? derived = null) => derived is null
        ? $"\"{version.ToString(CultureInfo.InvariantCulture)}\""
        : $"\"{version.ToString(CultureInfo.InvariantCulture)}-{derived}\"";

    public static string Format(IVersionedResource resource) => Format(resource.Version, resource.Derived);

    /// <summary>The version a tag names (its derived part aside); false for weak tags and tags this API never issued.</summary>
    public static bool TryParseVersion(EntityTagHeaderValue tag, out long version)
    {
        version = 0;
        var value = tag.Tag.Value;
        if (tag.IsWeak || value is not { Length: > 2 })
        {
            return false;
        }

        var opaque = value.AsSpan(1, value.Length - 2);
        var dash = opaque.IndexOf('-');
        if (dash >= 0 && (dash == opaque.Length - 1 || opaque[(dash + 1)..].ContainsAnyExcept(DerivedCharacters)))
        {
            return false;
        }

        return long.TryParse(dash < 0 ? opaque : opaque[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>If-None-Match uses the weak comparison: any listed tag with the same opaque value, or *, matches.</summary>
    public static bool NoneMatchHolds(StringValues ifNoneMatch, string currentTag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        return tags.Any(t => t.Tag.Value == "*" || t.Tag.Value == currentTag);
    }
}
