using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using A = DocumentFormat.OpenXml.Drawing;

namespace Tracker.Modules.Projects.Features.Shared.Office;

/// <summary>A slide: its title, lines of text under it, and optionally a progress bar (a share from 0 to 1) with its label.</summary>
internal sealed record SlideText(string Title, IReadOnlyList<string> Lines, decimal? Progress = null, string? ProgressLabel = null);

/// <summary>
/// Writes 16:9 presentations: a title slide, then one slide per <see cref="SlideText"/>, on one blank layout of one
/// master with a plain theme. Each slide is built, written and dropped (the deck is never one tree in memory).
/// </summary>
internal static class Presentations
{
    private const long SlideWidth = 12192000;
    private const long SlideHeight = 6858000;
    private const long Inset = 457200;
    private const string MasterRelationship = "rIdMaster";
    private const string LayoutRelationship = "rIdLayout";
    private const string ThemeRelationship = "rIdTheme";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string DrawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/main";

    // Ids of masters and layouts share one range above 2^31; slides are numbered from 256.
    private const uint MasterId = 2147483648;
    private const uint LayoutId = 2147483649;
    private const uint FirstSlideId = 256;

    public static byte[] Write(string language, SlideText title, IEnumerable<SlideText> slides) => OfficePackage.Write(stream =>
    {
        using var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation);
        var presentation = document.AddNewPart<PresentationPart>(OfficePackage.MainContentType(document), OfficePackage.MainRelationship);
        var master = presentation.AddNewPart<SlideMasterPart>(MasterRelationship);
        var layout = master.AddNewPart<SlideLayoutPart>(LayoutRelationship);
        layout.AddPart(master, MasterRelationship);
        var theme = master.AddNewPart<ThemePart>(ThemeRelationship);
        presentation.AddPart(theme, ThemeRelationship);
        Save(theme, Theme());
        Save(master, Master());
        Save(layout, Layout());

        var slideIds = new SlideIdList();
        var number = 0;
        foreach (var content in slides.Prepend(title))
        {
            number++;
            var id = $"rIdSlide{number}";
            var part = presentation.AddNewPart<SlidePart>(id);
            part.AddPart(layout, LayoutRelationship);
            Save(part, number == 1 ? TitleSlide(content, language) : ContentSlide(content, language));
            slideIds.Append(new SlideId { Id = FirstSlideId + (uint)number - 1, RelationshipId = id });
        }

        Save(presentation, new Presentation(
            new SlideMasterIdList(new SlideMasterId { Id = MasterId, RelationshipId = MasterRelationship }),
            slideIds,
            new SlideSize { Cx = (int)SlideWidth, Cy = (int)SlideHeight },
            new NotesSize { Cx = 6858000, Cy = 9144000 }));
    });

    /// <summary>Writes a part's root through OpenXmlWriter: the tree is not kept by the package afterwards.</summary>
    private static void Save(OpenXmlPart part, OpenXmlPartRootElement root)
    {
        root.AddNamespaceDeclaration("a", DrawingNamespace);
        root.AddNamespaceDeclaration("r", RelationshipsNamespace);
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteElement(root);
    }

    private static Slide TitleSlide(SlideText content, string language) => new(
        new CommonSlideData(Tree(
            TextShape(2, "Title", PlaceholderValues.CenteredTitle, Inset, 2000000, SlideWidth - (2 * Inset), 1400000, [content.Title], 4400, bold: true, language),
            TextShape(3, "Subtitle", PlaceholderValues.SubTitle, Inset, 3500000, SlideWidth - (2 * Inset), 1600000, content.Lines, 2000, bold: false, language))),
        new ColorMapOverride(new A.MasterColorMapping()));

    private static Slide ContentSlide(SlideText content, string language)
    {
        const long top = 1500000;
        var width = SlideWidth - (2 * Inset);
        var shapes = new List<OpenXmlElement>
        {
            TextShape(2, "Title", PlaceholderValues.Title, Inset, 300000, width, 1000000, [content.Title], 3200, bold: true, language),
            TextShape(3, "Text", null, Inset, top + 800000, width, SlideHeight - top - 800000 - Inset, content.Lines, 1800, bold: false, language),
        };
        if (content.Progress is { } progress)
        {
            // A bar the width of the text with a filled part for the share done, and the share written beside it.
            const long barWidth = 8000000;
            const long barHeight = 400000;
            shapes.Add(Bar(4, "Progress track", Inset, top, barWidth, barHeight, "D9D9D9"));
            shapes.Add(Bar(5, "Progress", Inset, top, Math.Max(1, (long)(barWidth * Math.Clamp(progress, 0, 1))), barHeight, "2E75B6"));
            shapes.Add(TextShape(6, "Progress label", null, Inset + barWidth + 200000, top - 50000, width - barWidth - 200000, barHeight + 100000, [content.ProgressLabel ?? string.Empty], 2000, bold: true, language));
        }

        return new Slide(new CommonSlideData(Tree([.. shapes])), new ColorMapOverride(new A.MasterColorMapping()));
    }

    private static ShapeTree Tree(params OpenXmlElement[] shapes)
    {
        var tree = new ShapeTree(
            new NonVisualGroupShapeProperties(
                new NonVisualDrawingProperties { Id = 1, Name = string.Empty },
                new NonVisualGroupShapeDrawingProperties(),
                new ApplicationNonVisualDrawingProperties()),
            new GroupShapeProperties(new A.TransformGroup()));
        tree.Append(shapes);
        return tree;
    }

    private static Shape TextShape(uint id, string name, PlaceholderValues? placeholder, long x, long y, long cx, long cy, IEnumerable<string> lines, int size, bool bold, string language)
    {
        var body = new TextBody(new A.BodyProperties { Wrap = A.TextWrappingValues.Square }, new A.ListStyle());
        foreach (var line in lines)
        {
            body.Append(new A.Paragraph(new A.Run(
                new A.RunProperties { Language = language, FontSize = size, Bold = bold, Dirty = false },
                new A.Text(line))));
        }

        if (!body.Elements<A.Paragraph>().Any())
        {
            body.Append(new A.Paragraph());
        }

        var application = placeholder is { } type
            ? new ApplicationNonVisualDrawingProperties(new PlaceholderShape { Type = type })
            : new ApplicationNonVisualDrawingProperties();
        return new Shape(
            new NonVisualShapeProperties(
                new NonVisualDrawingProperties { Id = id, Name = name },
                new NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }) { TextBox = placeholder is null },
                application),
            new ShapeProperties(Frame(x, y, cx, cy), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }),
            body);
    }

    private static Shape Bar(uint id, string name, long x, long y, long cx, long cy, string color) => new(
        new NonVisualShapeProperties(
            new NonVisualDrawingProperties { Id = id, Name = name },
            new NonVisualShapeDrawingProperties(),
            new ApplicationNonVisualDrawingProperties()),
        new ShapeProperties(
            Frame(x, y, cx, cy),
            new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle },
            new A.SolidFill(new A.RgbColorModelHex { Val = color }),
            new A.Outline(new A.NoFill())));

    private static A.Transform2D Frame(long x, long y, long cx, long cy) =>
        new(new A.Offset { X = x, Y = y }, new A.Extents { Cx = cx, Cy = cy });

    private static SlideMaster Master() => new(
        new CommonSlideData(
            new Background(new BackgroundStyleReference(new A.SchemeColor { Val = A.SchemeColorValues.Background1 }) { Index = 1001 }),
            Tree()),
        new ColorMap
        {
            Background1 = A.ColorSchemeIndexValues.Light1,
            Text1 = A.ColorSchemeIndexValues.Dark1,
            Background2 = A.ColorSchemeIndexValues.Light2,
            Text2 = A.ColorSchemeIndexValues.Dark2,
            Accent1 = A.ColorSchemeIndexValues.Accent1,
            Accent2 = A.ColorSchemeIndexValues.Accent2,
            Accent3 = A.ColorSchemeIndexValues.Accent3,
            Accent4 = A.ColorSchemeIndexValues.Accent4,
            Accent5 = A.ColorSchemeIndexValues.Accent5,
            Accent6 = A.ColorSchemeIndexValues.Accent6,
            Hyperlink = A.ColorSchemeIndexValues.Hyperlink,
            FollowedHyperlink = A.ColorSchemeIndexValues.FollowedHyperlink,
        },
        new SlideLayoutIdList(new SlideLayoutId { Id = LayoutId, RelationshipId = LayoutRelationship }));

    private static SlideLayout Layout() => new(
        new CommonSlideData(Tree()) { Name = "Blank" },
        new ColorMapOverride(new A.MasterColorMapping()))
    { Type = SlideLayoutValues.Blank, Preserve = true };

    /// <summary>A plain theme: the colours, fonts and the three fill, line, effect and background styles a theme must have.</summary>
    private static A.Theme Theme()
    {
        static A.SolidFill Placeholder() => new(new A.SchemeColor { Val = A.SchemeColorValues.PhColor });
        static A.RgbColorModelHex Rgb(string hex) => new() { Val = hex };
        static A.Outline Line(int width) => new(Placeholder()) { Width = width };
        static A.EffectStyle Effect() => new(new A.EffectList());
        static OpenXmlElement[] Fonts() => [new A.LatinFont { Typeface = "Calibri" }, new A.EastAsianFont { Typeface = string.Empty }, new A.ComplexScriptFont { Typeface = string.Empty }];

        return new A.Theme(
            new A.ThemeElements(
                new A.ColorScheme(
                    new A.Dark1Color(Rgb("000000")),
                    new A.Light1Color(Rgb("FFFFFF")),
                    new A.Dark2Color(Rgb("1F3864")),
                    new A.Light2Color(Rgb("E7E6E6")),
                    new A.Accent1Color(Rgb("2E75B6")),
                    new A.Accent2Color(Rgb("ED7D31")),
                    new A.Accent3Color(Rgb("A5A5A5")),
                    new A.Accent4Color(Rgb("FFC000")),
                    new A.Accent5Color(Rgb("5B9BD5")),
                    new A.Accent6Color(Rgb("70AD47")),
                    new A.Hyperlink(Rgb("0563C1")),
                    new A.FollowedHyperlinkColor(Rgb("954F72")))
                { Name = "Tracker" },
                new A.FontScheme(new A.MajorFont(Fonts()), new A.MinorFont(Fonts())) { Name = "Tracker" },
                new A.FormatScheme(
                    new A.FillStyleList(Placeholder(), Placeholder(), Placeholder()),
                    new A.LineStyleList(Line(6350), Line(12700), Line(19050)),
                    new A.EffectStyleList(Effect(), Effect(), Effect()),
                    new A.BackgroundFillStyleList(Placeholder(), Placeholder(), Placeholder()))
                { Name = "Tracker" }))
        { Name = "Tracker" };
    }
}
