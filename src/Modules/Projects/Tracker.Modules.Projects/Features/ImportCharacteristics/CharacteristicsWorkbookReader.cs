using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ImportCharacteristics;

/// <summary>
/// Reads the rows of an .xlsx workbook's first sheet: row 1 the header (Parameter | Value | Unit, any case, or the
/// Russian Параметр | Значение | Единица), then one characteristic per row in columns A–C. Rows with nothing
/// visible in them are skipped; every other row is kept with its sheet row number, which is how problems name it
/// (<c>rows[5].value</c> is cell B5), so the user finds the cell where Excel shows it.
/// </summary>
/// <remarks>
/// A cell is read as the text the user sees, whatever Excel stored: a shared or inline string as it is; a number
/// (Excel stores "12" typed into a cell as the number 12) formatted invariantly with at most 15 significant digits,
/// as Excel itself displays it, so a stored 0.30000000000000004 reads "0.3" and 12 reads "12", never "12.0" or
/// "12.0000001"; a number under a date or time format as an ISO date ("2024-05-01", "2024-05-01 14:30", "14:30");
/// TRUE/FALSE for a boolean; a formula's last computed value. Other number formats (fixed decimals, currency,
/// percent) are not applied: 12.50 shown with two decimals reads "12.5".
/// </remarks>
internal static partial class CharacteristicsWorkbookReader
{
    /// <summary>Unpacked size of all parts together: far beyond 500 rows of text, far below a zip bomb.</summary>
    private const long MaxUnpackedBytes = 64L * 1024 * 1024;

    private const int MaxEntries = 1_000;

    /// <summary>Columns A, B, C: parameter, value, unit.</summary>
    private const int Columns = 3;

    private static readonly string[] Fields = ["parameter", "value", "unit"];

    /// <returns>The rows read (at most one more than a table holds: the handler reports too many), or why the body is no workbook.</returns>
    public static Result<CharacteristicsImport> Read(Stream workbook)
    {
        try
        {
            if (!IsBoundedZip(workbook))
            {
                return Unreadable(ImportMessages.TooLargeUnpacked);
            }

            workbook.Position = 0;
            using var document = SpreadsheetDocument.Open(workbook, isEditable: false, new OpenSettings { MaxCharactersInPart = MaxUnpackedBytes });
            return ReadFirstSheet(document);
        }
        catch (Exception exception) when (exception is InvalidDataException or OpenXmlPackageException or XmlException or FileFormatException or InvalidOperationException or FormatException)
        {
            // Not a zip, not an Open XML package, or parts that are not the XML they should be: all the user can
            // do is send another file, so no more detail than that.
            return Unreadable(ImportMessages.NotAWorkbook);
        }
    }

    /// <summary>
    /// Checks the zip's directory before anything is unpacked. The sizes it declares are the ones the reader then
    /// holds each part to (a part cannot inflate past its declared size), so a small upload cannot unpack to gigabytes.
    /// </summary>
    private static bool IsBoundedZip(Stream workbook)
    {
        using var zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
        return zip.Entries.Count <= MaxEntries && zip.Entries.Sum(e => e.Length) <= MaxUnpackedBytes;
    }

    private static Result<CharacteristicsImport> ReadFirstSheet(SpreadsheetDocument document)
    {
        if (document.WorkbookPart is not { } workbookPart)
        {
            return Unreadable(ImportMessages.NotAWorkbook); // a zip, or another Open XML document (.docx)
        }

        var sheet = workbookPart.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (sheet?.Id?.Value is not { } partId || workbookPart.GetPartById(partId) is not WorksheetPart worksheetPart)
        {
            return Unreadable(ImportMessages.NoWorksheet);
        }

        var cells = new CellReader(workbookPart);
        var culture = CultureInfo.CurrentUICulture;
        var rows = new List<ImportedRow>();
        var problems = new List<ImportProblem>();
        var headerSeen = false;
        uint rowNumber = 0;
        foreach (var row in worksheetPart.Worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            rowNumber = row.RowIndex?.Value ?? rowNumber + 1;
            var (texts, extra) = cells.Texts(row);
            if (rowNumber == 1)
            {
                headerSeen = true;
                CheckHeader(texts, problems, culture);
            }
            else if (texts.Any(t => !string.IsNullOrWhiteSpace(t)) || extra)
            {
                rows.Add(new ImportedRow($"rows[{rowNumber}]", new CharacteristicRow(texts[0] ?? string.Empty, texts[1] ?? string.Empty, texts[2])));
            }

            if (extra)
            {
                problems.Add(new ImportProblem($"rows[{rowNumber}]", ImportMessages.ExtraColumn.In(culture)));
            }

            if (rows.Count > Characteristic.MaxPerProject)
            {
                break; // one too many is enough to say so
            }
        }

        if (!headerSeen)
        {
            CheckHeader(new string?[Columns], problems, culture);
        }

        return new CharacteristicsImport("rows", rows, problems);
    }

    /// <summary>Each header in its column, either language, any case; the Unit header may be left out.</summary>
    private static void CheckHeader(string?[] texts, List<ImportProblem> problems, CultureInfo culture)
    {
        for (var column = 0; column < Columns; column++)
        {
            var text = texts[column]?.Trim();
            var optional = column == Columns - 1 && string.IsNullOrEmpty(text);
            if (!optional
                && !string.Equals(text, CharacteristicsSheet.Headers[column], StringComparison.OrdinalIgnoreCase)
                && !string.Equals(text, CharacteristicsSheet.RussianHeaders[column], StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new ImportProblem($"rows[1].{Fields[column]}", ImportMessages.Header(column).In(culture)));
            }
        }
    }

    private static Result<CharacteristicsImport> Unreadable(LocalizedText message) =>
        ProjectsErrors.CharacteristicsUnreadable.WithDetail(CharacteristicsSheet.MediaType)
            .WithExtension("errors", new Dictionary<string, string[]> { ["$"] = [message.In(CultureInfo.CurrentUICulture)] });

    /// <summary>Cell texts as the user sees them (see the class remarks), with what the workbook shares among its cells.</summary>
    private sealed partial class CellReader
    {
        private readonly string[] _sharedStrings;
        private readonly bool[] _dateStyles;
        private readonly bool _date1904;

        public CellReader(WorkbookPart workbookPart)
        {
            _sharedStrings = [.. workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(RichText) ?? []];
            _dateStyles = DateStyles(workbookPart.WorkbookStylesPart?.Stylesheet);
            _date1904 = workbookPart.Workbook?.WorkbookProperties?.Date1904?.Value == true;
        }

        /// <returns>The texts of columns A–C (null for no cell), and whether any later column holds something visible.</returns>
        public (string?[] Texts, bool Extra) Texts(Row row)
        {
            var texts = new string?[Columns];
            var extra = false;
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = ColumnOf(cell.CellReference?.Value) ?? column + 1;
                var text = Text(cell);
                if (column <= Columns)
                {
                    texts[column - 1] = text;
                }
                else
                {
                    extra |= !string.IsNullOrWhiteSpace(text);
                }
            }

            return (texts, extra);
        }

        private string? Text(Cell cell)
        {
            var type = cell.DataType?.Value;
            if (type == CellValues.InlineString)
            {
                return cell.InlineString is { } inline ? RichText(inline) : cell.CellValue?.Text;
            }

            var raw = cell.CellValue?.Text;
            if (raw is null)
            {
                return null;
            }

            if (type == CellValues.SharedString)
            {
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Length
                    ? _sharedStrings[index]
                    : throw new FormatException($"Shared string {raw} does not exist.");
            }

            if (type == CellValues.Boolean)
            {
                return raw.Trim() is "1" or "true" ? "TRUE" : "FALSE";
            }

            if (type is null || type == CellValues.Number)
            {
                return Number(raw, cell.StyleIndex?.Value ?? 0);
            }

            return raw; // a formula's text result (str), an error (#N/A), an ISO date (d)
        }

        private string Number(string raw, uint style)
        {
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return raw;
            }

            if (style < _dateStyles.Length && _dateStyles[style] && ToDate(number) is { } date)
            {
                return number < 1 && !_date1904 ? date.ToString("HH:mm" + (date.Second > 0 ? ":ss" : ""), CultureInfo.InvariantCulture)
                    : date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : date.ToString("yyyy-MM-dd HH:mm" + (date.Second > 0 ? ":ss" : ""), CultureInfo.InvariantCulture);
            }

            // Excel shows at most 15 significant digits; "G15" drops the binary noise beyond them and any ".0".
            return number.ToString("G15", CultureInfo.InvariantCulture);
        }

        private DateTime? ToDate(double serial)
        {
            serial += _date1904 ? 1462 : 0;
            return serial is >= 0 and < 2958466 ? DateTime.FromOADate(serial) : null;
        }

        /// <summary>Whether each cell format (by index) shows its number as a date or time.</summary>
        private static bool[] DateStyles(Stylesheet? stylesheet)
        {
            var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
                .Where(f => f.NumberFormatId?.Value is not null && f.FormatCode?.Value is not null)
                .DistinctBy(f => f.NumberFormatId!.Value)
                .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
            return [.. stylesheet?.CellFormats?.Elements<CellFormat>().Select(f => IsDateFormat(f.NumberFormatId?.Value ?? 0, custom)) ?? []];
        }

        /// <summary>The built-in date and time formats (14–22, 45–47), or a custom one with day, year, hour or second in it.</summary>
        private static bool IsDateFormat(uint id, Dictionary<uint, string> custom) =>
            id is >= 14 and <= 22 or >= 45 and <= 47
            || custom.TryGetValue(id, out var code) && NotDateParts().Replace(code, string.Empty).AsSpan().IndexOfAny("dDyYhHsS") >= 0;

        /// <summary>"1" in A1, "AB" in AB7; null when the cell names no column.</summary>
        private static int? ColumnOf(string? reference)
        {
            var column = 0;
            var letters = 0;
            foreach (var c in reference ?? string.Empty)
            {
                if (!char.IsAsciiLetter(c) || ++letters > 3)
                {
                    break;
                }

                column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            }

            return letters is > 0 and <= 3 ? column : null;
        }

        /// <summary>A string with its runs joined (phonetic guides left out), Excel's <c>_xHHHH_</c> escapes decoded.</summary>
        private static string RichText(OpenXmlElement item)
        {
            var text = item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));
            return ExcelEscape().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        }

        /// <summary>What a format code shows literally: quoted text, escaped characters, [colours] and [$-locale] tags.</summary>
        [GeneratedRegex("\"[^\"]*\"|\\\\.|\\[[^\\]]*\\]|_.|\\*.")]
        private static partial Regex NotDateParts();

        [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
        private static partial Regex ExcelEscape();
    }
}
