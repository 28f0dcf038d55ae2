using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tracker.BuildingBlocks.Http.Paging;

/// <summary>
/// Opaque cursors: base64url of the position as JSON followed by a checksum over the position's type and the
/// JSON. The checksum is not a secret (a cursor only positions a list its holder may read anyway); it makes an
/// edited cursor, or one issued by another list, a 400 instead of a page from a made-up position.
/// </summary>
public static class PageCursor
{
    private const int ChecksumLength = 8;

    public static string Encode<TPosition>(TPosition position)
        where TPosition : class
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(position);
        return Base64Url.EncodeToString([.. json, .. Checksum<TPosition>(json)]);
    }

    /// <returns>The position, or null when the cursor was not issued by <see cref="Encode{TPosition}"/> for this type.</returns>
    public static TPosition? TryDecode<TPosition>(string cursor)
        where TPosition : class
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length <= ChecksumLength)
        {
            return null;
        }

        var json = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(json.Length), Checksum<TPosition>(json)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TPosition>(json);
        }
        catch (JsonException)
        {
            // Checksummed but unreadable: a cursor from before the position's shape changed.
            return null;
        }
    }

    private static byte[] Checksum<TPosition>(ReadOnlySpan<byte> json)
    {
        var type = Encoding.UTF8.GetBytes(typeof(TPosition).FullName ?? typeof(TPosition).Name);
        return SHA256.HashData([.. type, 0, .. json])[..ChecksumLength];
    }
}
