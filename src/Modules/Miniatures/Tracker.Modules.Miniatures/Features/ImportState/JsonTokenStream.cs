using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>
/// JSON tokens read one at a time from a stream through a small buffer, so that a document of any size is read
/// in bounded memory. <see cref="Utf8JsonReader"/> is a ref struct and cannot live across an await; this keeps its
/// state between tokens instead and refills the buffer when a token does not fit yet. A token's value is read
/// through the helpers below, before the next <see cref="ReadAsync"/>.
/// </summary>
internal sealed class JsonTokenStream(Stream stream, int maxDepth, int maxTokenBytes) : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _end;
    private bool _finalBlock;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = maxDepth });
    private int _tokenStart;
    private int _tokenLength;
    private bool _valueIsEscaped;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>Nesting depth of the current token (0 for the document's root value).</summary>
    public int Depth { get; private set; }

    /// <returns>False at the end of the input.</returns>
    /// <exception cref="JsonException">The input is not well-formed JSON, or a token is longer than allowed.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (!TryReadToken())
        {
            if (_finalBlock)
            {
                return false;
            }

            await FillAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Reads past the current value: a whole object or array, or just the current token.</summary>
    public async ValueTask SkipValueAsync(CancellationToken cancellationToken)
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = Depth;
        while (await ReadAsync(cancellationToken))
        {
            if (Depth == depth && TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return;
            }
        }
    }

    /// <summary>True when the current string or property name is exactly <paramref name="utf8"/> (escapes decoded).</summary>
    public bool ValueIs(ReadOnlySpan<byte> utf8) =>
        TokenType is JsonTokenType.String or JsonTokenType.PropertyName
        && (_valueIsEscaped ? ValueReader().ValueTextEquals(utf8) : _buffer.AsSpan(_tokenStart + 1, _tokenLength - 2).SequenceEqual(utf8));

    public string GetString() => ValueReader().GetString() ?? string.Empty;

    public bool TryGetInt64(out long value)
    {
        value = 0;
        var digits = _buffer.AsSpan(_tokenStart, _tokenLength);

        // An integer in plain digits (no fraction, no exponent), as the reader itself would accept it.
        return TokenType == JsonTokenType.Number && Utf8Parser.TryParse(digits, out value, out var consumed) && consumed == digits.Length;
    }

    public bool TryGetDateTimeOffset(out DateTimeOffset value)
    {
        value = default;
        return TokenType == JsonTokenType.String && ValueReader().TryGetDateTimeOffset(out value);
    }

    public bool TryGetGuid(out Guid value)
    {
        value = default;
        return TokenType == JsonTokenType.String && ValueReader().TryGetGuid(out value);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private bool TryReadToken()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _finalBlock, _state);
        var complete = reader.Read();

        // Whitespace and separators before an incomplete token are consumed too, so they never pile up.
        var consumed = (int)reader.BytesConsumed;
        if (!complete)
        {
            _start += consumed;
            _state = reader.CurrentState;
            return false;
        }

        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        _valueIsEscaped = reader.ValueIsEscaped;
        _tokenStart = _start + (int)reader.TokenStartIndex;
        _tokenLength = reader.TokenType switch
        {
            // The raw bytes between the quotes (still escaped), plus the quotes: a complete JSON value on its own.
            JsonTokenType.String or JsonTokenType.PropertyName => reader.ValueSpan.Length + 2,
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => reader.ValueSpan.Length,
            _ => 1,
        };
        _start += consumed;
        _state = reader.CurrentState;
        return true;
    }

    /// <summary>The current token alone, as a complete JSON value, for the reader's own parsing and unescaping.</summary>
    private Utf8JsonReader ValueReader()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_tokenStart, _tokenLength));
        reader.Read();
        return reader;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
        {
            // One token fills the whole buffer: grow it, but only so far (no legitimate token comes near the limit).
            if (_buffer.Length >= maxTokenBytes)
            {
                throw new JsonException($"A single JSON token is longer than {maxTokenBytes} bytes.");
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, maxTokenBytes));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _finalBlock = read == 0;
    }
}
