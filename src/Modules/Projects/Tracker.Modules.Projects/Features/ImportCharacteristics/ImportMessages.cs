using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ImportCharacteristics;

/// <summary>What an import problem says about its place, in every language Tracker speaks.</summary>
internal static class ImportMessages
{
    public static readonly LocalizedText NotAWorkbook = new("Not a readable .xlsx workbook.", "Это не читаемая книга .xlsx.");
    public static readonly LocalizedText TooLargeUnpacked = new("The workbook is too large once unpacked.", "Книга слишком велика в распакованном виде.");
    public static readonly LocalizedText NoWorksheet = new("The workbook's first sheet is not a worksheet with rows.", "Первый лист книги не является листом с таблицей.");
    public static readonly LocalizedText RowRequired = new("Required: a row.", "Обязательно: строка.");
    public static readonly LocalizedText ExtraColumn = new(
        $"Only columns A–C ({string.Join(", ", CharacteristicsSheet.Headers)}) are read; this row has content in another column.",
        $"Читаются только столбцы A–C ({string.Join(", ", CharacteristicsSheet.RussianHeaders)}); в этой строке заполнен другой столбец.");
    public static readonly LocalizedText TooManyRows = new($"At most {Characteristic.MaxPerProject} rows.", $"Не более {Characteristic.MaxPerProject} строк.");

    public static LocalizedText Header(int column) => new(
        $"Expected the header \"{CharacteristicsSheet.Headers[column]}\" (or \"{CharacteristicsSheet.RussianHeaders[column]}\") in row 1.",
        $"Ожидается заголовок «{CharacteristicsSheet.RussianHeaders[column]}» (или «{CharacteristicsSheet.Headers[column]}») в строке 1.");
}
