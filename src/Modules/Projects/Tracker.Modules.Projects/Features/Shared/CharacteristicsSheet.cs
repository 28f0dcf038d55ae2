namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The spreadsheet form of a characteristics table, written by the export and read by the import.</summary>
internal static class CharacteristicsSheet
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SheetName = "Characteristics";

    /// <summary>Column headers, in column order (A, B, C).</summary>
    public static readonly string[] Headers = ["Parameter", "Value", "Unit"];

    /// <summary>The same headers in Russian, which the import accepts too (a sheet prepared by hand).</summary>
    public static readonly string[] RussianHeaders = ["Параметр", "Значение", "Единица"];

    public static string FileName(string projectCode) => $"characteristics-{projectCode}.xlsx";
}
