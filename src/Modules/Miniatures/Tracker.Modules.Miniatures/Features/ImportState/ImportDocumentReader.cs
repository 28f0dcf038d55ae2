using System.Text;
using System.Text.Json;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>
/// Reads an export document from the request body as it arrives and checks it completely on the way: every
/// problem is reported with its JSON path (up to <see cref="MaxProblems"/>), and a plan is built only when there
/// is none. Memory stays bounded whatever the size: the body is never held whole, no object graph is built, and
/// only what the import needs is kept (each type with its counts, each history entry as a 24-byte value).
/// Properties are matched exactly; unknown and repeated ones are problems, like values of the wrong type.
/// </summary>
internal sealed class ImportDocumentReader
{
    public const int MaxTypes = 10_000;
    public const int MaxHistoryEntries = 1_000_000;
    private const int MaxProblems = 100;
    private const int MaxDepth = 16;

    /// <summary>Far above any legitimate token (names have at most 100 characters); bounds the read buffer.</summary>
    private const int MaxTokenBytes = 1024 * 1024;

    private static readonly PropertyNames RootProperties = new("format", "version", "exportedAt", "types");
    private static readonly PropertyNames TypeProperties = new("id", "name", "createdAt", "counts", "history");
    private static readonly PropertyNames EntryProperties = new("fromStage", "toStage", "qty", "at");
    private static readonly PropertyNames StageCodes = new([.. Stages.All.Select(s => s.Code())]);
    private static readonly byte[] FormatName = Encoding.UTF8.GetBytes(ExportDocument.FormatName);

    private readonly JsonTokenStream _json;
    private readonly DateTimeOffset _latest;
    private readonly List<ImportProblem> _problems = [];
    private readonly List<PlannedType> _types = [];
    private readonly List<PlannedEntry> _history = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<(string? Name, int Index)> _path = [];

    // Which properties the object being read had so far, one array per level: objects of a level never nest.
    private readonly bool[] _seenInRoot = new bool[RootProperties.Count];
    private readonly bool[] _seenInType = new bool[TypeProperties.Count];
    private readonly bool[] _seenInCounts = new bool[StageCodes.Count];
    private readonly bool[] _seenInEntry = new bool[EntryProperties.Count];
    private bool _stopped;

    private ImportDocumentReader(JsonTokenStream json, DateTimeOffset now)
    {
        _json = json;
        _latest = now.AddDays(1);
    }

    public static async Task<(ImportPlan? Plan, List<ImportProblem> Problems)> ReadAsync(Stream body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var json = new JsonTokenStream(body, MaxDepth, MaxTokenBytes);
        var reader = new ImportDocumentReader(json, now);
        try
        {
            await reader.ReadDocumentAsync(cancellationToken);
        }
        catch (JsonException)
        {
            // Where the document went wrong, never what it contained.
            reader.Problem(reader.CurrentPath(), ImportMessages.NotJson);
        }

        return reader._problems.Count == 0 ? (new ImportPlan(reader._types, reader._history), reader._problems) : (null, reader._problems);
    }

    private async Task ReadDocumentAsync(CancellationToken cancellationToken)
    {
        if (!await _json.ReadAsync(cancellationToken))
        {
            Problem("$", ImportMessages.NotADocument);
            return;
        }

        if (_json.TokenType != JsonTokenType.StartObject)
        {
            Problem("$", ImportMessages.NotADocument);
            return;
        }

        var seen = _seenInRoot;
        while (!_stopped && await NextPropertyAsync(RootProperties, seen, cancellationToken) is var (property, _) && property != PropertyNames.End)
        {
            switch (property)
            {
                case 0 when !_json.ValueIs(FormatName):
                    Problem(CurrentPath(), ImportMessages.WrongFormat);
                    break;
                case 1 when !_json.TryGetInt64(out var version) || version != ExportDocument.CurrentVersion:
                    Problem(CurrentPath(), ImportMessages.WrongVersion);
                    break;
                case 2 when _json.TokenType != JsonTokenType.Null && !_json.TryGetDateTimeOffset(out _):
                    Problem(CurrentPath(), ImportMessages.NotADate);
                    break;
                case 3 when _json.TokenType == JsonTokenType.StartArray:
                    await ReadTypesAsync(cancellationToken);
                    break;
                case 3:
                    Problem(CurrentPath(), ImportMessages.TypesRequired);
                    break;
            }

            await EndPropertyAsync(cancellationToken);
        }

        if (_stopped)
        {
            return;
        }

        if (!seen[0])
        {
            Problem("format", ImportMessages.WrongFormat);
        }

        if (!seen[1])
        {
            Problem("version", ImportMessages.WrongVersion);
        }

        if (!seen[3])
        {
            Problem("types", ImportMessages.TypesRequired);
        }

        if (await _json.ReadAsync(cancellationToken))
        {
            Problem("$", ImportMessages.TrailingContent);
        }
    }

    private async Task ReadTypesAsync(CancellationToken cancellationToken)
    {
        for (var index = 0; !_stopped && await NextElementAsync(cancellationToken); index++)
        {
            if (index == MaxTypes)
            {
                Problem(CurrentPath(), ImportMessages.TooManyTypes);
                _stopped = true;
                return;
            }

            _path.Add((null, index));
            if (_json.TokenType == JsonTokenType.StartObject)
            {
                await ReadTypeAsync(cancellationToken);
            }
            else
            {
                Problem(CurrentPath(), ImportMessages.TypeRequired);
                await _json.SkipValueAsync(cancellationToken);
            }

            _path.RemoveAt(_path.Count - 1);
        }
    }

    private async Task ReadTypeAsync(CancellationToken cancellationToken)
    {
        var path = CurrentPath();
        Guid? id = null;
        string? name = null;
        DateTimeOffset? createdAt = null;
        var counts = new int[Stages.All.Count];
        var historyStart = _history.Count;
        var seen = _seenInType;
        Array.Clear(seen);
        while (!_stopped && await NextPropertyAsync(TypeProperties, seen, cancellationToken) is var (property, isNull) && property != PropertyNames.End)
        {
            switch (property)
            {
                case 0 when isNull:
                    break;
                case 0 when _json.TryGetGuid(out var parsedId):
                    id = parsedId;
                    break;
                case 0:
                    Problem(CurrentPath(), ImportMessages.NotAUuid);
                    break;
                case 1 when _json.TokenType == JsonTokenType.String:
                    name = _json.GetString().Trim();
                    break;
                case 1:
                    Problem(CurrentPath(), ImportMessages.NameRequired);
                    break;
                case 2 when isNull:
                    break;
                case 2 when _json.TryGetDateTimeOffset(out var created):
                    createdAt = created;
                    if (created > _latest)
                    {
                        Problem(CurrentPath(), ImportMessages.InTheFuture);
                    }

                    break;
                case 2:
                    Problem(CurrentPath(), ImportMessages.NotADate);
                    break;
                case 3 when isNull:
                    break;
                case 3 when _json.TokenType == JsonTokenType.StartObject:
                    await ReadCountsAsync(counts, cancellationToken);
                    break;
                case 3:
                    Problem(CurrentPath(), ImportMessages.CountsNotAnObject);
                    break;
                case 4 when isNull:
                    break;
                case 4 when _json.TokenType == JsonTokenType.StartArray:
                    await ReadHistoryAsync(cancellationToken);
                    break;
                case 4:
                    Problem(CurrentPath(), ImportMessages.HistoryNotAnArray);
                    break;
            }

            await EndPropertyAsync(cancellationToken);
        }

        if (_stopped)
        {
            return;
        }

        if (name is not null && (!UnicodeText.IsName(name) || !UnicodeText.HasVisibleCharacter(name)))
        {
            // The same rule as a name typed into the API: what one database stores, every other imports.
            Problem($"{path}.name", ImportMessages.NameNotOneVisibleLine);
        }
        else if (string.IsNullOrEmpty(name) || UnicodeText.CleanName(name).Length > MiniatureType.NameMaxLength)
        {
            Problem($"{path}.name", ImportMessages.NameRequired);
        }
        else if (!_names.Add(MiniatureType.Normalize(name)))
        {
            Problem($"{path}.name", ImportMessages.NameRepeated);
        }

        if (counts.Sum(c => (long)c) > Quantities.MaxPerType)
        {
            Problem($"{path}.counts", ImportMessages.TypeTooFull);
        }

        if (_problems.Count == 0)
        {
            _types.Add(new PlannedType(id, name!, createdAt, counts, historyStart, _history.Count - historyStart, path));
        }
    }

    private async ValueTask ReadCountsAsync(int[] counts, CancellationToken cancellationToken)
    {
        var seen = _seenInCounts;
        Array.Clear(seen);
        while (!_stopped && await NextPropertyAsync(StageCodes, seen, cancellationToken, ImportMessages.UnknownStage) is var (stage, _) && stage != PropertyNames.End)
        {
            if (stage >= 0)
            {
                if (_json.TryGetInt64(out var count) && count is >= 0 and <= Quantities.MaxPerType)
                {
                    counts[stage] = (int)count;
                }
                else
                {
                    Problem(CurrentPath(), ImportMessages.CountOutOfRange);
                }
            }

            await EndPropertyAsync(cancellationToken);
        }
    }

    private async Task ReadHistoryAsync(CancellationToken cancellationToken)
    {
        for (var index = 0; !_stopped && await NextElementAsync(cancellationToken); index++)
        {
            if (_history.Count + 1 > MaxHistoryEntries)
            {
                Problem(CurrentPath(), ImportMessages.TooManyHistoryEntries);
                _stopped = true;
                return;
            }

            _path.Add((null, index));
            if (_json.TokenType == JsonTokenType.StartObject)
            {
                await ReadEntryAsync(cancellationToken);
            }
            else
            {
                Problem(CurrentPath(), ImportMessages.HistoryEntryRequired);
                await _json.SkipValueAsync(cancellationToken);
            }

            _path.RemoveAt(_path.Count - 1);
        }
    }

    private async ValueTask ReadEntryAsync(CancellationToken cancellationToken)
    {
        Stage? from = null;
        Stage? to = null;
        long? qty = null;
        DateTimeOffset? at = null;
        bool fromValid = true, atValid = true;
        var seen = _seenInEntry;
        Array.Clear(seen);
        while (!_stopped && await NextPropertyAsync(EntryProperties, seen, cancellationToken) is var (property, isNull) && property != PropertyNames.End)
        {
            switch (property)
            {
                case 0 when isNull:
                    break;
                case 0:
                    from = StageValue();
                    fromValid = from is not null;
                    break;
                case 1:
                    to = StageValue();
                    break;
                case 2 when _json.TryGetInt64(out var parsedQty):
                    qty = parsedQty;
                    break;
                case 3 when _json.TryGetDateTimeOffset(out var parsedAt):
                    at = parsedAt;
                    break;
                case 3:
                    atValid = isNull;
                    break;
            }

            await EndPropertyAsync(cancellationToken);
        }

        if (_stopped)
        {
            return;
        }

        if (!fromValid)
        {
            Problem($"{CurrentPath()}.fromStage", ImportMessages.UnknownStage);
        }

        if (to is not { } target)
        {
            Problem($"{CurrentPath()}.toStage", ImportMessages.UnknownStage);
        }
        else if (from is { } source && !Stages.CanMove(source, target))
        {
            Problem($"{CurrentPath()}.toStage", ImportMessages.NotALaterStage);
        }

        if (qty is not (>= 1 and <= Quantities.MaxPerOperation))
        {
            Problem($"{CurrentPath()}.qty", ImportMessages.QtyOutOfRange);
        }

        if (!atValid)
        {
            Problem($"{CurrentPath()}.at", ImportMessages.NotADate);
        }
        else if (at is not { } when)
        {
            Problem($"{CurrentPath()}.at", FieldMessages.Required);
        }
        else if (when > _latest)
        {
            Problem($"{CurrentPath()}.at", ImportMessages.InTheFuture);
        }

        // Once anything is wrong no plan is made, so entries need not be kept any longer.
        if (_problems.Count == 0)
        {
            _history.Add(new PlannedEntry(at!.Value.UtcTicks, (int)qty!.Value, from, to!.Value));
        }
    }

    private Stage? StageValue() =>
        _json.TokenType == JsonTokenType.String && StageCodes.IndexOf(_json) is var index and >= 0 ? Stages.All[index] : null;

    /// <summary>
    /// Moves to the next property of the current object and onto its value, with the property's name on the path.
    /// Unknown and repeated properties are reported and skipped here.
    /// </summary>
    /// <returns>The property's index in <paramref name="names"/>, or <see cref="PropertyNames.End"/> after the object; whether the value is null.</returns>
    private async ValueTask<(int Property, bool IsNull)> NextPropertyAsync(PropertyNames names, bool[] seen, CancellationToken cancellationToken, LocalizedText? unknownMessage = null)
    {
        while (true)
        {
            await NextTokenAsync(cancellationToken);
            if (_json.TokenType == JsonTokenType.EndObject)
            {
                return (PropertyNames.End, false);
            }

            var index = names.IndexOf(_json);
            _path.Add((index >= 0 ? names[index] : _json.GetString(), 0));
            await NextTokenAsync(cancellationToken);
            if (index >= 0 && !seen[index])
            {
                seen[index] = true;
                return (index, _json.TokenType == JsonTokenType.Null);
            }

            Problem(CurrentPath(), index >= 0 ? FieldMessages.DuplicateProperty : unknownMessage ?? FieldMessages.UnknownProperty);
            await EndPropertyAsync(cancellationToken);
            if (_stopped)
            {
                return (PropertyNames.End, false);
            }
        }
    }

    /// <summary>Skips whatever of the current value was not read and takes its name off the path.</summary>
    private async ValueTask EndPropertyAsync(CancellationToken cancellationToken)
    {
        if (!_stopped)
        {
            await _json.SkipValueAsync(cancellationToken);
        }

        _path.RemoveAt(_path.Count - 1);
    }

    /// <returns>False at the end of the current array.</returns>
    private async ValueTask<bool> NextElementAsync(CancellationToken cancellationToken)
    {
        await NextTokenAsync(cancellationToken);
        return _json.TokenType != JsonTokenType.EndArray;
    }

    private async ValueTask NextTokenAsync(CancellationToken cancellationToken)
    {
        if (!await _json.ReadAsync(cancellationToken))
        {
            throw new JsonException("The document ends too early.");
        }
    }

    private void Problem(string path, LocalizedText message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new ImportProblem(path, message));
        }

        // Enough to act on; reading on would only cost time.
        _stopped |= _problems.Count >= MaxProblems;
    }

    /// <summary>The JSON path of the value being read, built only when a problem needs it.</summary>
    /// <summary>The field path the way every field error of the API names it: <c>types[0].counts.IN_BOX</c>; <c>$</c> for the document.</summary>
    private string CurrentPath()
    {
        var path = new StringBuilder();
        foreach (var (name, index) in _path)
        {
            if (name is null)
            {
                path.Append('[').Append(index).Append(']');
            }
            else
            {
                path.Append(path.Length > 0 ? "." : "").Append(name);
            }
        }

        return path.Length > 0 ? path.ToString() : "$";
    }

    /// <summary>Known property names, matched against the raw UTF-8 of a token without allocating a string.</summary>
    private sealed class PropertyNames(params string[] names)
    {
        public const int End = int.MinValue;

        private readonly byte[][] _utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];

        public int Count => names.Length;

        public string this[int index] => names[index];

        public int IndexOf(JsonTokenStream json)
        {
            for (var i = 0; i < _utf8.Length; i++)
            {
                if (json.ValueIs(_utf8[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
