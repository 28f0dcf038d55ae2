using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Tracker.Modules.Projects.Features.Shared.Office;

/// <summary>
/// Writes Word documents. The body is streamed (OpenXmlWriter) block by block: a paragraph or one project's table
/// is built, written and dropped, so a long document never sits in memory as one tree.
/// </summary>
internal static class WordDocuments
{
    public const string TitleStyle = "Title";
    public const string SubtitleStyle = "Subtitle";
    public const string Heading1Style = "Heading1";
    public const string Heading2Style = "Heading2";
    private const string TableStyle = "TableGrid";

    // A4 portrait with 2 cm margins, in twentieths of a point.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1134;

    public static byte[] Write(string language, Action<WordBody> content) => OfficePackage.Write(stream =>
    {
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddNewPart<MainDocumentPart>(OfficePackage.MainContentType(document), OfficePackage.MainRelationship);
        using (var styles = OpenXmlWriter.Create(main.AddNewPart<StyleDefinitionsPart>("rIdStyles")))
        {
            styles.WriteElement(Styles(language));
        }

        using var writer = OpenXmlWriter.Create(main);
        writer.WriteStartElement(new Document());
        writer.WriteStartElement(new Body());
        content(new WordBody(writer));
        writer.WriteElement(new SectionProperties(
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = Margin, Bottom = Margin, Left = (uint)Margin, Right = (uint)Margin, Header = 709, Footer = 709, Gutter = 0 }));
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    /// <summary>Normal text, a title and subtitle for the title page, two heading levels and a bordered table.</summary>
    private static Styles Styles(string language) => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                new FontSize { Val = "22" },
                new Languages { Val = language })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        Paragraph(TitleStyle, "Title", size: 56, bold: true, spacingBefore: 2400),
        Paragraph(SubtitleStyle, "Subtitle", size: 32, bold: false, spacingBefore: 240),
        Paragraph(Heading1Style, "heading 1", size: 32, bold: true, spacingBefore: 360, outline: 0),
        Paragraph(Heading2Style, "heading 2", size: 26, bold: true, spacingBefore: 240, outline: 1),
        new Style(
            new StyleName { Val = "Table Grid" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "0" }),
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = TableStyle });

    private static Style Paragraph(string id, string name, int size, bool bold, int spacingBefore, int? outline = null)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = spacingBefore.ToString(CultureInfo.InvariantCulture), After = "120" });
        if (outline is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        var run = new StyleRunProperties();
        if (bold)
        {
            run.Append(new Bold());
        }

        run.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(), paragraph, run)
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
    }
}

/// <summary>What a document's body is written with, in reading order.</summary>
internal sealed class WordBody(OpenXmlWriter writer)
{
    /// <summary>A paragraph in a style of <see cref="WordDocuments"/> (null: Normal), optionally starting a new page.</summary>
    public void Paragraph(string text, string? style = null, bool newPage = false)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.Append(new ParagraphStyleId { Val = style });
        }

        if (newPage)
        {
            properties.Append(new PageBreakBefore());
        }

        writer.WriteElement(new Paragraph(properties, Run(text)));
    }

    /// <summary>"Label: value", the label in bold.</summary>
    public void Field(string label, string value) =>
        writer.WriteElement(new Paragraph(
            new ParagraphProperties(new SpacingBetweenLines { After = "40" }),
            new Run(new RunProperties(new Bold()), new Text(label + ": ") { Space = SpaceProcessingModeValues.Preserve }),
            Run(value)));

    /// <summary>A table as wide as the page: a bold header row repeated on every page, then the rows.</summary>
    public void Table(IReadOnlyList<(string Header, int Width)> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = "TableGrid" },
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableLook { Val = "04A0" }),
            new TableGrid(columns.Select(c => new GridColumn { Width = c.Width.ToString(CultureInfo.InvariantCulture) })));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(columns.Select(c => Cell(c.Header, c.Width, bold: true)));
        table.Append(header);
        foreach (var row in rows)
        {
            table.Append(new TableRow(row.Select((text, i) => Cell(text, columns[i].Width, bold: false))));
        }

        writer.WriteElement(table);
    }

    private static TableCell Cell(string text, int width, bool bold) => new(
        new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
        new Paragraph(bold ? new Run(new RunProperties(new Bold()), Text(text)) : Run(text)));

    private static Run Run(string text) => new(Text(text));

    private static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };
}
