using Tracker.BuildingBlocks.Validation;

namespace Tracker.Modules.Projects.Domain;

/// <summary>
/// The settings of the whole portfolio (the seed's workspace): its name, the currency of every amount, the locale
/// of exports, what a step in progress counts for unless a project says otherwise, and the attachment limit.
/// One row; until someone saves it, the defaults hold.
/// </summary>
internal sealed class Workspace
{
    public const int SingletonId = 1;
    public const int NameMaxLength = 100;
    public const string DefaultName = "Tracker";
    public const string DefaultCurrency = "RUB";
    public const string DefaultLocale = "ru-RU";
    public const long DefaultMaxAttachmentBytes = 50L * 1024 * 1024;
    public const long MaxAttachmentBytesLimit = 1024L * 1024 * 1024;

    private Workspace()
    {
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = DefaultName;

    /// <summary>ISO 4217 code of every amount (budgets, contract prices).</summary>
    public string Currency { get; private set; } = DefaultCurrency;

    /// <summary>BCP 47 culture of exports (dates, numbers).</summary>
    public string Locale { get; private set; } = DefaultLocale;

    public decimal DefaultInProgressCoefficient { get; private set; } = Project.DefaultInProgressCoefficient;

    public long MaxAttachmentBytes { get; private set; } = DefaultMaxAttachmentBytes;

    /// <summary>0 while the defaults hold (no row yet).</summary>
    public long Version { get; private set; }

    public static Workspace Defaults() => new() { Id = SingletonId };

    public void Update(string name, string currency, string locale, decimal defaultInProgressCoefficient, long maxAttachmentBytes)
    {
        Name = UnicodeText.CleanName(name);
        Currency = currency.ToUpperInvariant();
        Locale = locale;
        DefaultInProgressCoefficient = defaultInProgressCoefficient;
        MaxAttachmentBytes = maxAttachmentBytes;
        Version++;
    }
}
