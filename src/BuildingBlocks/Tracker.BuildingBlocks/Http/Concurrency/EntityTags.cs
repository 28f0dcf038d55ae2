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
}

/// <summary>Strong entity tags made from row versions: <c>"42"</c>.</summary>
public static class EntityTags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version a tag names; false for weak tags and tags this API never issued.</summary>
    public static bool TryParseVersion(EntityTagHeaderValue tag, out long version)
    {
        version = 0;
        var value = tag.Tag.Value;
        return !tag.IsWeak
            && value is { Length: > 2 }
            && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version);
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
