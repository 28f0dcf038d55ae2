using System.Globalization;

namespace Tracker.BuildingBlocks.Results;

/// <summary>A user-facing text in every language Tracker speaks (English is the fallback).</summary>
public sealed record LocalizedText(string English, string Russian)
{
    public string In(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "ru" ? Russian : English;
}
