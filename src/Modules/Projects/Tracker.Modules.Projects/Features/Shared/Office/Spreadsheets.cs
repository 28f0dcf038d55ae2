using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tracker.Modules.Projects.Features.Shared.Office;

/// <summary>What a column holds, and so how its cells are typed and formatted.</summary>
internal enum CellKind
{
    Text,
    Integer,
    Number,
    Money,

    /// <summary>A share from 0 to 1, shown as a percentage.</summary>
    Percent,
    Date,
}

internal sealed record SheetColumn(string Header, CellKind Kind, double Width = 14);

/// <summary>
/// One worksheet: a header row (frozen, with an autofilter over the table) and one row per item. Cell values are
/// <see cref="string"/>, <see cref="int"/>, <see cref="decimal"/>, <see cref="DateOnly"/> or null (an empty cell).
/// </summary>
internal sealed record SheetTable(string Name, IReadOnlyList<SheetColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes workbooks of <see cref="SheetTable"/>s. Worksheets are streamed row by row (OpenXmlWriter), so a large
/// portfolio never becomes a document tree in memory; strings are inline, so no shared-string table is held either.
/// </summary>
internal static partial class Spreadsheets
{
    private const uint DateFormatId = 164;

    // Indexes into the cell formats of Styles(): header, then one per CellKind.
    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint PercentStyle = 3;
    private const uint MoneyStyle = 4;
    private const uint IntegerStyle = 5;

    public static byte[] Write(ExportFormat format, IEnumerable<SheetTable> sheets) => OfficePackage.Write(stream =>
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddNewPart<WorkbookPart>(OfficePackage.MainContentType(document), OfficePackage.MainRelationship);
        workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles").Stylesheet = Styles(format);
        var names = new SheetNames();
        var sheetList = new Sheets();
        var filters = new DefinedNames();
        uint number = 0;
        foreach (var sheet in sheets)
        {
            number++;
            var id = $"rIdSheet{number}";
            var name = names.Unique(sheet.Name);
            var rows = WriteSheet(workbookPart.AddNewPart<WorksheetPart>(id), sheet, selected: number == 1);
            sheetList.Append(new Sheet { Name = name, SheetId = number, Id = id });

            // Excel keeps an autofilter's range in this hidden name too, and repairs a file without it.
            filters.Append(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${ColumnName(sheet.Columns.Count)}${rows}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = number - 1,
                Hidden = true,
            });
        }

        workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView()), sheetList, filters);
    });

    /// <summary>Streams one worksheet; returns its number of rows, the header included.</summary>
    private static int WriteSheet(WorksheetPart part, SheetTable sheet, bool selected)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0, TabSelected = selected }));
        writer.WriteElement(new Columns(sheet.Columns.Select((column, i) =>
            new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = column.Width, CustomWidth = true })));

        writer.WriteStartElement(new SheetData());
        var rowIndex = 1;
        writer.WriteElement(new Row(sheet.Columns.Select((column, i) => TextCell(Reference(i, rowIndex), column.Header, HeaderStyle))) { RowIndex = 1 });
        rowIndex = new RowWriter(writer, sheet.Columns).WriteAll(sheet.Rows, rowIndex);
        writer.WriteEndElement();
        writer.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(sheet.Columns.Count)}{rowIndex}" });
        writer.WriteEndElement();
        return rowIndex;
    }

    /// <summary>
    /// Writes data rows as the SDK writes Row and Cell elements, from one element of each kind and each cell's
    /// attributes: an element tree per cell allocated several times the XML it wrote.
    /// </summary>
    private sealed class RowWriter(OpenXmlWriter writer, IReadOnlyList<SheetColumn> columns)
    {
        private readonly Row _row = new();
        private readonly Cell _cell = new();
        private readonly CellValue _value = new();
        private readonly InlineString _inline = new();
        private readonly Text _text = new();
        private readonly List<OpenXmlAttribute> _attributes = new(3);
        private readonly string[] _letters = [.. columns.Select((_, i) => ColumnName(i + 1))];

        /// <summary>Writes the rows after row <paramref name="lastRow"/>; returns the index of the last one written.</summary>
        public int WriteAll(IEnumerable<IReadOnlyList<object?>> rows, int lastRow)
        {
            foreach (var values in rows)
            {
                var number = (++lastRow).ToString(CultureInfo.InvariantCulture);
                writer.WriteStartElement(_row, [new OpenXmlAttribute("r", string.Empty, number)]);
                for (var i = 0; i < columns.Count && i < values.Count; i++)
                {
                    if (values[i] is { } value)
                    {
                        WriteCell(_letters[i] + number, columns[i].Kind, value);
                    }
                }

                writer.WriteEndElement();
            }

            return lastRow;
        }

        private void WriteCell(string reference, CellKind kind, object value)
        {
            var (content, style) = value switch
            {
                string text => (EscapeText(text), 0u),
                DateOnly date => (date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), DateStyle),
                int number => (number.ToString(CultureInfo.InvariantCulture), StyleOf(kind)),
                decimal number => (number.ToString(CultureInfo.InvariantCulture), StyleOf(kind)),
                _ => throw new ArgumentException($"A cell cannot hold a {value.GetType().Name}.", nameof(value)),
            };
            var isText = value is string;
            _attributes.Clear();
            _attributes.Add(new OpenXmlAttribute("r", string.Empty, reference));
            if (style != 0)
            {
                _attributes.Add(new OpenXmlAttribute("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
            }

            if (isText)
            {
                _attributes.Add(new OpenXmlAttribute("t", string.Empty, "inlineStr"));
            }

            writer.WriteStartElement(_cell, _attributes);
            if (isText)
            {
                writer.WriteStartElement(_inline);
                WriteContent(_text, content);
                writer.WriteEndElement();
            }
            else
            {
                WriteContent(_value, content);
            }

            writer.WriteEndElement();
        }

        private void WriteContent(OpenXmlLeafTextElement element, string content)
        {
            writer.WriteStartElement(element);
            writer.WriteString(content);
            writer.WriteEndElement();
        }
    }

    private static uint StyleOf(CellKind kind) => kind switch
    {
        CellKind.Integer => IntegerStyle,
        CellKind.Money => MoneyStyle,
        CellKind.Percent => PercentStyle,
        CellKind.Date => DateStyle,
        _ => 0,
    };

    private static Cell TextCell(string reference, string text, uint style) =>
        new(new InlineString(new Text(EscapeText(text)))) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : (UInt32Value)style };

    /// <summary>Excel reads "_x0041_" in a string as an escaped character ("A"): a literal one keeps its underscore escaped.</summary>
    public static string EscapeText(string text) => text.Contains("_x", StringComparison.Ordinal) ? LooksEscaped().Replace(text, "_x005F_$1") : text;

    [GeneratedRegex("_(x[0-9A-Fa-f]{4}_)")]
    private static partial Regex LooksEscaped();

    private static string Reference(int columnIndex, int row) => ColumnName(columnIndex + 1) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>The letters of a 1-based column: 1 → A, 27 → AA.</summary>
    private static string ColumnName(int column)
    {
        var name = string.Empty;
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>
    /// Default, header (bold on a light fill), the locale's short date, a percentage with one decimal, money with
    /// two decimals and thousands separators, and a whole number; Excel shows the separators of the reader's locale.
    /// </summary>
    private static Stylesheet Styles(ExportFormat format) => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = format.ExcelDateFormat() },
            new NumberingFormat { NumberFormatId = DateFormatId + 1, FormatCode = "0.0%" })
        { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDE5F0" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { NumberFormatId = DateFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = DateFormatId + 1, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 1, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 6 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>
    /// Sheet names as Excel takes them: at most 31 characters, none of <c>[]:*?/\</c>, no apostrophe at either end,
    /// unique ignoring case ("History" is Excel's own); a clash gets " (2)", " (3)"...
    /// </summary>
    private sealed class SheetNames
    {
        private const int MaxLength = 31;
        private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase) { "History" };

        public string Unique(string wanted)
        {
            var clean = Fit(new string([.. wanted.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c)]), MaxLength);
            clean = clean.Length == 0 ? "Sheet" : clean;
            var name = clean;
            for (var n = 2; !_taken.Add(name); n++)
            {
                var suffix = $" ({n})";
                name = Fit(clean, MaxLength - suffix.Length) + suffix;
            }

            return name;
        }

        /// <summary>Cut to <paramref name="length"/> without splitting a surrogate pair, and trimmed.</summary>
        private static string Fit(string text, int length)
        {
            if (text.Length > length)
            {
                text = text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
            }

            return text.Trim().Trim('\'').Trim();
        }
    }
}
