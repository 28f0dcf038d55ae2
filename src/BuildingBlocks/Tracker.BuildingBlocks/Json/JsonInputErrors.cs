using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tracker.BuildingBlocks.Results;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.BuildingBlocks.Json;

/// <summary>
/// Turns a body the serializer refused into field errors keyed like the validators' ("fromStage",
/// "items[0].name"): which field and what kind of problem, never the value that was sent. Well-formed JSON with a
/// wrong field is <c>ERR_VALIDATION</c>; JSON that is not well-formed, or not an object at all, stays
/// <c>ERR_MALFORMED_JSON</c>.
/// </summary>
public static partial class JsonInputErrors
{
    private const string Root = "$";
    private const string MissingRequired = "was missing required properties";

    public static (Error Error, Dictionary<string, string[]> Errors) Describe(JsonException exception, CultureInfo culture)
    {
        var path = exception.Path ?? Root;
        if (exception.InnerException is JsonException || path == Root && !IsMissingRequired(exception))
        {
            // A reader error (the inner exception) or a body of the wrong shape altogether.
            return (CommonErrors.MalformedJson, new() { [Field(path)] = [FieldMessages.MalformedJson.In(culture)] });
        }

        if (exception is JsonFieldException field)
        {
            return Validation(Field(path), field.LocalizedMessage, culture);
        }

        if (IsMissingRequired(exception))
        {
            var errors = new Dictionary<string, string[]>();
            var names = exception.Message.IndexOf(MissingRequired, StringComparison.Ordinal) + MissingRequired.Length;
            foreach (Match name in QuotedName().Matches(exception.Message[names..]))
            {
                errors[Join(path, name.Groups["name"].Value)] = [FieldMessages.Required.In(culture)];
            }

            return (CommonErrors.Validation, errors.Count > 0 ? errors : new() { [Root] = [FieldMessages.Required.In(culture)] });
        }

        var message = exception.Message switch
        {
            var m when m.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) => FieldMessages.UnknownProperty,
            var m when m.StartsWith("Duplicate property", StringComparison.Ordinal) => FieldMessages.DuplicateProperty,
            var m when m.Contains("doesn't allow null values", StringComparison.Ordinal) => FieldMessages.NotNull,
            _ => FieldMessages.WrongType,
        };
        return Validation(Field(path), message, culture);
    }

    /// <summary>"$.items[0].name" as the validators write it: "items[0].name".</summary>
    public static string Field(string path) => path switch
    {
        Root => Root,
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };

    private static (Error, Dictionary<string, string[]>) Validation(string field, LocalizedText message, CultureInfo culture) =>
        (CommonErrors.Validation, new() { [field] = [message.In(culture)] });

    private static bool IsMissingRequired(JsonException exception) =>
        exception.Message.Contains(MissingRequired, StringComparison.Ordinal);

    private static string Join(string objectPath, string name) => Field(objectPath) is Root ? name : $"{Field(objectPath)}.{name}";

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex QuotedName();
}
