using System.Globalization;
using System.Text;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared.Office;

/// <summary>How exports write dates, numbers and money: in the workspace's locale, amounts in its currency.</summary>
internal sealed class ExportFormat(CultureInfo culture, string currency)
{
    /// <summary>What an export shows where a date or an amount is not set.</summary>
    public const string None = "—";

    public CultureInfo Culture { get; } = culture;

    public string Currency { get; } = currency;

    public static ExportFormat Of(Workspace workspace) => Of(workspace.Locale, workspace.Currency);

    public static ExportFormat Of(string locale, string currency) => new(CultureOf(locale), currency);

    public string Date(DateOnly? date) => date?.ToString("d", Culture) ?? None;

    public string Dates(DateOnly? start, DateOnly? end) => $"{Date(start)} – {Date(end)}";

    /// <summary>A share from 0 to 1 as a percentage with one decimal ("66,7 %" in ru-RU).</summary>
    public string Percent(decimal share) => share.ToString("P1", Culture);

    public string Money(decimal? amount) => amount is { } value ? $"{value.ToString("N2", Culture)} {Currency}" : None;

    public string Number(decimal value) => value.ToString("0.####", Culture);

    public static string Status(WorkStatus status) => status switch
    {
        WorkStatus.todo => "to do",
        WorkStatus.in_progress => "in progress",
        WorkStatus.blocked => "blocked",
        _ => "done",
    };

    /// <summary>
    /// The locale's short date as an Excel number format (<c>dd.MM.yyyy</c> becomes <c>dd\.mm\.yyyy</c>): day, month
    /// and year letters carry over, quoted text stays text and every other character is escaped as a literal.
    /// </summary>
    public string ExcelDateFormat()
    {
        var pattern = Culture.DateTimeFormat.ShortDatePattern;
        var format = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case 'd' or 'y':
                    format.Append(c);
                    break;
                case 'M':
                    format.Append('m');
                    break;
                case '\'' or '"':
                    var end = pattern.IndexOf(c, i + 1);
                    end = end < 0 ? pattern.Length : end;
                    format.Append('"').Append(pattern.AsSpan(i + 1, end - i - 1).ToString().Replace("\"", string.Empty, StringComparison.Ordinal)).Append('"');
                    i = end;
                    break;
                case 'g':
                    break;
                case '\\' when i + 1 < pattern.Length:
                    format.Append('\\').Append(pattern[++i]);
                    break;
                default:
                    format.Append('\\').Append(c);
                    break;
            }
        }

        return format.ToString();
    }

    /// <summary>The workspace's locale; it is validated when saved, so the fallback only guards a culture the OS lacks.</summary>
    private static CultureInfo CultureOf(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
