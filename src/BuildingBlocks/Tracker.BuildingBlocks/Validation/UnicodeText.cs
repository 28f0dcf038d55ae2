using System.Globalization;
using System.Text;

namespace Tracker.BuildingBlocks.Validation;

/// <summary>
/// What text Tracker stores, decided once for every module and every database provider. PostgreSQL refuses NUL in
/// text (a 500 before this rule, and a SQLite export holding one could not be imported there), and invisible
/// characters make two names look the same while comparing different. The FluentValidation rules in
/// <see cref="TextRules"/> apply these checks; domain code stores names through <see cref="CleanName"/> and compares
/// them through <see cref="FoldName"/>.
/// </summary>
public static class UnicodeText
{
    /// <summary>
    /// The index of the first character no text field accepts: a control character other than tab, line feed and
    /// carriage return, or half of a surrogate pair without its other half (not text, and not encodable as UTF-8).
    /// -1 when there is none.
    /// </summary>
    public static int FindForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return i;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    /// <summary>Text that holds only characters any text field accepts (tab and line breaks included).</summary>
    public static bool IsStorable(string text) => FindForbidden(text) < 0;

    /// <summary>Storable and on one line: no tab, line feed, carriage return, or line and paragraph separator.</summary>
    public static bool IsSingleLine(string text) =>
        IsStorable(text) && text.AsSpan().IndexOfAny("\t\n\r\u2028\u2029") < 0;

    /// <summary>
    /// Fit for a name: one line, and without format characters (zero-width spaces and joiners, the byte-order mark,
    /// soft hyphens, bidirectional embeddings, overrides, isolates and marks), which would let two names that look
    /// alike compare different or make a name display in another order than it is stored.
    /// </summary>
    public static bool IsName(string text)
    {
        if (!IsSingleLine(text))
        {
            return false;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the text shows anything: at least one character that is not a space, a control or format character,
    /// a combining mark on its own or one of the blank fillers that render as nothing.
    /// </summary>
    public static bool HasVisibleCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || IsBlankFiller(rune.Value))
            {
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.SpaceSeparator:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.OtherNotAssigned:
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The form a name is stored in: trimmed and in Unicode normalisation form C (composed).</summary>
    public static string CleanName(string name) => name.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>
    /// The form two names are compared in for uniqueness and search: <see cref="CleanName"/>, then upper-cased
    /// without regard to culture, so "é" typed as one character or as e + accent, in any case, is one name.
    /// </summary>
    public static string FoldName(string name) => CleanName(name).ToUpperInvariant();

    /// <summary>Letters of some scripts that have no visible glyph: Hangul fillers and the blank Braille pattern.</summary>
    private static bool IsBlankFiller(int codePoint) => codePoint is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;
}
