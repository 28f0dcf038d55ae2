using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tracker.Modules.Projects.Features.Shared;
using Tracker.Modules.Projects.Features.Shared.Office;

namespace Tracker.Modules.Projects.Features.GetCharacteristics;

/// <summary>
/// Writes a characteristics table as an .xlsx workbook: one sheet, a bold header row that stays in view (frozen),
/// then one row per characteristic. Written with the Open XML SDK element by element, in the order the schema
/// wants, so that the file passes <c>OpenXmlValidator</c> and opens in Excel and LibreOffice without a repair.
/// Every cell is an inline string: a value such as "=1+1" or "007" stays the text it was, never a formula or a number.
/// </summary>
internal static class CharacteristicsWorkbook
{
    private const uint BoldStyle = 1;

    /// <summary>Column widths in characters: wide enough for most rows without hiding the next column.</summary>
    private static readonly double[] Widths = [40, 40, 12];

    public static byte[] Write(IReadOnlyList<CharacteristicResponse> rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData(Row(1, CharacteristicsSheet.Headers, BoldStyle));
            for (var i = 0; i < rows.Count; i++)
            {
                data.Append(Row((uint)i + 2, [rows[i].Parameter, rows[i].Value, rows[i].Unit], style: null));
            }

            worksheetPart.Worksheet = new Worksheet(FrozenHeader(), new SheetFormatProperties { DefaultRowHeight = 15 }, Columns(), data);
            workbookPart.Workbook.Append(new Sheets(new Sheet
            {
                Id = workbookPart.GetIdOfPart(worksheetPart),
                SheetId = 1,
                Name = CharacteristicsSheet.SheetName,
            }));
        }

        return output.ToArray();
    }

    private static Row Row(uint number, IReadOnlyList<string?> texts, uint? style)
    {
        var row = new Row { RowIndex = number };
        for (var column = 0; column < texts.Count; column++)
        {
            if (string.IsNullOrEmpty(texts[column]))
            {
                continue; // no unit: no cell, which reads back as none
            }

            row.Append(new Cell(new InlineString(new Text(Spreadsheets.EscapeText(texts[column]!))))
            {
                CellReference = $"{(char)('A' + column)}{number}",
                DataType = CellValues.InlineString,
                StyleIndex = style,
            });
        }

        return row;
    }

    private static SheetViews FrozenHeader() =>
        new(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0, TabSelected = true });

    private static Columns Columns() =>
        new(Widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true }));

    /// <summary>The minimum a stylesheet must hold, plus one bold cell format (index 1) for the header.</summary>
    private static Stylesheet Stylesheet() =>
        new(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true })
            { Count = 2 });
}
