using FluentValidation;

namespace Tracker.BuildingBlocks.Validation;

/// <summary>
/// The text rules every module's validators use (see <see cref="UnicodeText"/> for what each admits). The
/// validation pipeline already refuses control characters in every string of every message
/// (<see cref="StorableText"/>); a validator says what more a field must be: one line, a name, a password. Null
/// passes, so that a rule composes with <c>NotEmpty</c> and with optional fields.
/// </summary>
public static class TextRules
{
    /// <summary>Any text that can be stored: no NUL or other control characters except tab and line breaks (multi-line fields).</summary>
    public static IRuleBuilderOptions<T, TText> StorableText<T, TText>(this IRuleBuilder<T, TText> rule)
        where TText : IEnumerable<char>? =>
        rule.Must(text => text is not string s || UnicodeText.IsStorable(s)).WithMessage(FieldMessages.ControlCharacters);

    /// <summary>One line of text: also no tab or line break.</summary>
    public static IRuleBuilderOptions<T, TText> SafeText<T, TText>(this IRuleBuilder<T, TText> rule)
        where TText : IEnumerable<char>? =>
        rule.Must(text => text is not string s || UnicodeText.IsSingleLine(s)).WithMessage(FieldMessages.SingleLine);

    /// <summary>
    /// A name people tell apart by looking at it: one line, visible, no zero-width or text-direction characters,
    /// at most <paramref name="maxLength"/> characters once cleaned (stored through
    /// <see cref="UnicodeText.CleanName"/>, compared through <see cref="UnicodeText.FoldName"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, TText> SafeName<T, TText>(this IRuleBuilder<T, TText> rule, int maxLength)
        where TText : IEnumerable<char>? =>
        rule.Must(name => name is string s && UnicodeText.HasVisibleCharacter(s)).WithMessage(FieldMessages.NotEmpty)
            .Must(name => name is not string s || UnicodeText.IsName(s)).WithMessage(FieldMessages.NameCharacters)
            .Must(name => name is not string s || !UnicodeText.IsName(s) || UnicodeText.CleanName(s).Length <= maxLength).WithMessage(FieldMessages.MaxLength(maxLength));

    /// <summary>A secret that is typed: storable, and not made only of spaces or invisible characters.</summary>
    public static IRuleBuilderOptions<T, TText> VisibleSecret<T, TText>(this IRuleBuilder<T, TText> rule)
        where TText : IEnumerable<char>? =>
        rule.StorableText()
            .Must(text => text is not string s || UnicodeText.HasVisibleCharacter(s)).WithMessage(FieldMessages.Invisible);
}
