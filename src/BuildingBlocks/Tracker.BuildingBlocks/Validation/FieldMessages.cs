using System.Globalization;
using FluentValidation;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Validation;

/// <summary>
/// The texts of field errors (the <c>errors</c> member of a 400), in every language Tracker speaks. Validators use
/// them through <see cref="WithMessage{T, TProperty}(IRuleBuilderOptions{T, TProperty}, LocalizedText)"/>, the JSON
/// and binding failures through the exception handler.
/// </summary>
public static class FieldMessages
{
    public static readonly LocalizedText Required = new("Required.", "Обязательное поле.");

    public static readonly LocalizedText NotNull = new("Must not be null.", "Не может быть null.");

    public static readonly LocalizedText UnknownProperty = new(
        "Unknown property: this operation has no such field (names are case-sensitive).",
        "Неизвестное поле: у этой операции нет такого поля (регистр имён важен).");

    public static readonly LocalizedText DuplicateProperty = new("The property is sent more than once.", "Поле передано более одного раза.");

    public static readonly LocalizedText WrongType = new(
        "Wrong JSON type or value for this field (numbers are not quoted, text is).",
        "Неверный тип JSON или значение поля (числа передаются без кавычек, текст — в кавычках).");

    public static readonly LocalizedText BodyRequired = new(
        "This operation needs a JSON object as the request body.",
        "Этой операции нужен JSON-объект в теле запроса.");

    public static readonly LocalizedText MalformedJson = new("The JSON is not well-formed here.", "Здесь нарушен синтаксис JSON.");

    public static readonly LocalizedText NotParsable = new(
        "Not a valid value for this parameter.",
        "Недопустимое значение параметра.");

    public static readonly LocalizedText ControlCharacters = new(
        "Must not contain control characters (such as NUL).",
        "Не может содержать управляющие символы (например, NUL).");

    public static readonly LocalizedText SingleLine = new(
        "Must be one line: no control characters, tabs or line breaks.",
        "Должно быть одной строкой: без управляющих символов, табуляции и переводов строки.");

    public static readonly LocalizedText NameCharacters = new(
        "Must not contain control, zero-width or text-direction characters.",
        "Не может содержать управляющие символы, символы нулевой ширины и управления направлением текста.");

    public static readonly LocalizedText Invisible = new(
        "Must contain visible characters, not only spaces or invisible ones.",
        "Должно содержать видимые символы, а не только пробелы или невидимые символы.");

    public static readonly LocalizedText NotEmpty = new("Must not be empty.", "Не может быть пустым.");

    public static LocalizedText MaxLength(int max) => new($"At most {max} characters.", $"Не более {max} символов.");

    public static LocalizedText Between(long min, long max) => new($"Must be between {min} and {max}.", $"Должно быть от {min} до {max}.");

    /// <summary>A FluentValidation message in the request's language (the culture the localisation middleware set).</summary>
    public static IRuleBuilderOptions<T, TProperty> WithMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, LocalizedText message) =>
        rule.WithMessage(_ => message.In(CultureInfo.CurrentUICulture));
}
