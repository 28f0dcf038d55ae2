using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Tracker.Modules.Projects.Features.Shared.Office;

/// <summary>ASCII file names for downloads: a header value every client reads the same way.</summary>
internal static class FileNames
{
    private const int MaxSlugLength = 60;

    /// <summary>Russian letters in Latin (close to ISO 9 / GOST 7.79 B), so Cyrillic names make readable file names.</summary>
    private static readonly FrozenDictionary<char, string> Cyrillic = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя".Zip(
        (string[])["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "x", "c", "ch", "sh", "shh", "", "y", "", "e", "yu", "ya"])
        .ToFrozenDictionary(pair => pair.First, pair => pair.Second);

    /// <summary>A day as file names carry it: <c>2026-12-04</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Lower-case ASCII letters and digits joined by single dashes (<c>Стройка 2026</c> → <c>strojka-2026</c>); the
    /// first characters of <paramref name="id"/> when nothing of the name is left.
    /// </summary>
    public static string Slug(string name, Guid id)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            // Names are stored composed (NFC): a letter with an accent decomposes to its ASCII letter and the accent.
            // The hard and soft signs spell as nothing, without breaking the word.
            var latin = char.IsAsciiLetterOrDigit(c) ? c.ToString()
                : Cyrillic.TryGetValue(c, out var spelled) ? spelled
                : string.Concat(c.ToString().Normalize(NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit));
            if (latin.Length > 0)
            {
                slug.Append(latin);
            }
            else if (!Cyrillic.ContainsKey(c) && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= MaxSlugLength)
            {
                break;
            }
        }

        var text = slug.ToString(0, Math.Min(slug.Length, MaxSlugLength)).Trim('-');
        return text.Length > 0 ? text : id.ToString("N", CultureInfo.InvariantCulture)[..8];
    }
}
