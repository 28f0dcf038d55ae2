using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Tracker.IntegrationTests.Infrastructure;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Tracker.IntegrationTests.Projects;

/// <summary>
/// A small portfolio on a host of its own (the Excel and KPI exports cover every project of the database), seeded
/// once and only read by the tests: two categories, one with a Cyrillic name and one whose name Excel refuses as a
/// sheet name, a manager, dates, money, steps with subtasks and an archived project.
/// </summary>
public sealed class ExportPortfolioFixture : AppFixture, IAsyncLifetime
{
    public const string Construction = "Строительство";
    public const string Systems = "IT: Systems/Apps [2026]";

    public HttpClient Client { get; private set; } = null!;

    public Guid ConstructionId { get; private set; }

    public Guid SystemsId { get; private set; }

    /// <summary>The projects of Construction by code, as the API reads them (progress included).</summary>
    public Dictionary<string, JsonElement> Projects { get; } = [];

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.CreateUserAsync("exportworker", "worker");
        var api = new ProjectsApi(await App.AdminAsync());
        ConstructionId = (await api.CreateCategoryAsync(Construction, sortOrder: 0)).Id();
        SystemsId = (await api.CreateCategoryAsync(Systems, sortOrder: 1)).Id();
        var manager = await Http.ReadAsync<JsonElement>(await api.Client.PostAsJsonAsync($"{ProjectsApi.Base}/managers", new { name = "Ирина Петрова" }), HttpStatusCode.Created);

        var a1 = await api.CreateProjectAsync(ConstructionId, "A-1", extra: new
        {
            managerId = manager.Id(),
            plannedStart = "2026-01-15",
            plannedEnd = "2026-09-30",
            actualStart = "2026-02-01",
            plannedBudget = 1250000.50m,
            contractPrice = 1500000m,
        });
        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{ProjectsApi.Base}/projects/{a1.Id()}/steps", new { name = "Foundation", status = "done", weight = 2, plannedStart = "2026-01-15", plannedEnd = "2026-03-01", actualEnd = "2026-03-05" }), HttpStatusCode.Created);
        var walls = await api.AddStepAsync(a1.Id(), "Walls", "in_progress");
        await api.AddSubtaskAsync(walls.Id(), "Brickwork", "done", weight: 3);
        await api.AddSubtaskAsync(walls.Id(), "Plaster", "todo");
        await api.AddStepAsync(a1.Id(), "Roof");

        var a2 = await api.CreateProjectAsync(ConstructionId, "A-2", extra: new { plannedBudget = 10m });
        await api.AddStepAsync(a2.Id(), "Survey", "done");
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/status", new { projectIds = new[] { a2.Id() }, status = "archived" }), HttpStatusCode.OK);

        var b1 = await api.CreateProjectAsync(SystemsId, "B-1", extra: new { plannedEnd = "2026-12-31", contractPrice = 99.99m });
        await api.AddStepAsync(b1.Id(), "Design", "blocked");

        foreach (var project in new[] { a1, a2 })
        {
            Projects[project.GetProperty("code").GetString()!] = await api.ProjectAsync(project.Id());
        }

        // A worker: exports are reads, which any signed-in user may do.
        Client = await App.SignInAsync("exportworker", TrackerApp.PasswordOf("exportworker"));
    }

    public new Task DisposeAsync() => base.DisposeAsync();
}

public sealed class ExportTests(ExportPortfolioFixture fixture) : IClassFixture<ExportPortfolioFixture>
{
    private const string Base = ProjectsApi.Base;
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task The_Excel_export_has_a_summary_and_a_sheet_per_category_with_typed_cells_a_frozen_header_and_a_filter()
    {
        var bytes = await DownloadAsync($"{Base}/exports/excel", Xlsx, @"^portfolio-\d{4}-\d{2}-\d{2}\.xlsx$");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Summary", ExportPortfolioFixture.Construction, "IT_ Systems_Apps _2026_"], sheets.Select(s => s.Name!.Value));

        var summary = Rows(workbook, sheets[0]);
        Assert.Equal(["Category", "Projects", "Active", "Archived", "Average progress", "Planned budget, RUB", "Contract price, RUB"], summary[0].Select(c => Text(c)));
        var construction = summary.Single(r => Text(r[0]) == ExportPortfolioFixture.Construction);
        Assert.Equal(["2", "1", "1"], construction.Skip(1).Take(3).Select(c => Text(c)));
        Assert.Equal(1250010.50m, Number(construction[5]));

        var part = (WorksheetPart)workbook.GetPartById(sheets[1].Id!);
        var rows = Rows(workbook, sheets[1]);
        Assert.Equal(3, rows.Count);
        Assert.Equal("Planned budget, RUB", Text(rows[0][8]));
        var a1 = rows.Single(r => Text(r[0]) == "A-1");
        var apiA1 = fixture.Projects["A-1"];
        Assert.Equal(["A-1", "Project A-1", "Ирина Петрова", "active"], a1.Take(4).Select(c => Text(c)));
        var plannedStart = a1.Single(c => c.CellReference == "E2");
        Assert.Null(plannedStart.DataType);
        Assert.Equal(new DateTime(2026, 1, 15).ToOADate(), double.Parse(plannedStart.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Contains("yy", NumberFormatOf(workbook, plannedStart), StringComparison.Ordinal);
        var progress = a1.Single(c => c.CellReference == "K2");
        Assert.Equal(apiA1.GetProperty("progress").GetDecimal(), Number(progress));
        Assert.Contains("%", NumberFormatOf(workbook, progress), StringComparison.Ordinal);
        Assert.Equal(1250000.50m, Number(a1.Single(c => c.CellReference == "I2")));
        Assert.Equal(["3", "1"], a1.Where(c => c.CellReference == "L2" || c.CellReference == "M2").Select(c => Text(c)));
        Assert.Equal("archived", Text(rows.Single(r => Text(r[0]) == "A-2").Single(c => c.CellReference == "D3")));

        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 1d, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        Assert.Equal("A1:M3", part.Worksheet.Elements<AutoFilter>().Single().Reference!.Value);
    }

    [Fact]
    public async Task The_Excel_export_of_one_category_has_only_its_sheet_and_the_same_data_gives_the_same_bytes()
    {
        var url = $"{Base}/exports/excel?categoryId={fixture.SystemsId}";
        var first = await DownloadAsync(url, Xlsx, @"^portfolio-it-systems-apps-2026-\d{4}-\d{2}-\d{2}\.xlsx$");

        using (var document = SpreadsheetDocument.Open(new MemoryStream(first), false))
        {
            AssertValid(document);
            var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(["Summary", "IT_ Systems_Apps _2026_"], sheets.Select(s => s.Name!.Value));
            Assert.Equal("B-1", Text(Rows(document.WorkbookPart, sheets[1])[1][0]));
        }

        // Zip entries are dated to the second pair: a later export of the same data must still be byte for byte equal.
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        Assert.Equal(first, await DownloadAsync(url, Xlsx, ".xlsx$"));
    }

    [Fact]
    public async Task The_Word_export_has_a_title_page_a_heading_per_project_and_its_steps_table()
    {
        var bytes = await DownloadAsync($"{Base}/exports/word?categoryId={fixture.ConstructionId}", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", @"^category-stroitelstvo\.docx$");

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<W.Paragraph>().ToList();
        Assert.Equal(ExportPortfolioFixture.Construction, paragraphs[0].InnerText);
        Assert.Equal("Title", StyleOf(paragraphs[0]));
        var headings = paragraphs.Where(p => StyleOf(p) == "Heading1").ToList();
        Assert.Equal(["A-1 — Project A-1", "A-2 — Project A-2"], headings.Select(p => p.InnerText));
        Assert.All(headings, h => Assert.NotNull(h.ParagraphProperties!.PageBreakBefore));
        Assert.Contains(paragraphs, p => p.InnerText == "Progress: " + fixture.Projects["A-1"].GetProperty("progress").GetDecimal().ToString("P1", CultureInfo.GetCultureInfo("ru-RU")) + " (1 of 3 steps done)");
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("Planned budget: 1", StringComparison.Ordinal) && p.InnerText.EndsWith(",50 RUB", StringComparison.Ordinal));

        var tables = body.Elements<W.Table>().ToList();
        Assert.Equal(2, tables.Count);
        var steps = tables[0].Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["#", "Step", "Status", "Weight", "Planned", "Actual", "Progress"], steps[0]);
        Assert.Equal(["Foundation", "Walls", "Roof"], steps.Skip(1).Select(r => r[1]));
        // Walls: Brickwork done (weight 3) and Plaster to do (weight 1) make 75 %.
        Assert.Equal(["in progress", "1", "75,0 %"], new[] { steps[2][2], steps[2][3], steps[2][6] });
        Assert.Equal("15.01.2026 – 01.03.2026", steps[1][4]);
        Assert.Equal(["Survey"], tables[1].Elements<W.TableRow>().Skip(1).Select(r => r.Elements<W.TableCell>().ElementAt(1).InnerText));
    }

    [Fact]
    public async Task The_PowerPoint_export_has_a_title_slide_and_a_slide_per_project()
    {
        var bytes = await DownloadAsync($"{Base}/exports/powerpoint?categoryId={fixture.ConstructionId}", "application/vnd.openxmlformats-officedocument.presentationml.presentation", @"^category-stroitelstvo\.pptx$");

        using var document = PresentationDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var presentation = document.PresentationPart!;
        var slides = presentation.Presentation.SlideIdList!.Elements<P.SlideId>()
            .Select(id => ((SlidePart)presentation.GetPartById(id.RelationshipId!)).Slide)
            .ToList();
        Assert.Equal(1 + 2, slides.Count);
        Assert.Equal([ExportPortfolioFixture.Construction, "A-1 — Project A-1", "A-2 — Project A-2"], slides.Select(TitleOf));
        var a1 = slides[1].Descendants<A.Text>().Select(t => t.Text).ToList();
        Assert.Contains(fixture.Projects["A-1"].GetProperty("progress").GetDecimal().ToString("P1", CultureInfo.GetCultureInfo("ru-RU")), a1);
        Assert.Contains("Planned: 15.01.2026 – 30.09.2026", a1);
        Assert.Contains("Manager: Ирина Петрова", a1);
    }

    [Fact]
    public async Task The_KPI_report_is_a_workbook_when_Accept_asks_for_one_with_the_figures_of_the_JSON()
    {
        var json = await Http.ReadAsync<JsonElement>(await _client.GetAsync($"{Base}/kpi"));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/kpi");
        request.Headers.Accept.ParseAdd(Xlsx);
        using var response = await _client.SendAsync(request);
        var bytes = await FileAsync(response, Xlsx, @"^kpi-\d{4}-\d{2}-\d{2}\.xlsx$");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        var rows = Rows(document.WorkbookPart, sheet);
        Assert.Equal([ExportPortfolioFixture.Construction, ExportPortfolioFixture.Systems, "Total"], rows.Skip(1).Select(r => Text(r[0])));
        var total = rows[^1];
        var figures = json.GetProperty("total");
        Assert.Equal(figures.GetProperty("projects").GetInt32(), (int)Number(total[1]));
        Assert.Equal(3, (int)Number(total[1]));
        Assert.Equal(figures.GetProperty("averageProgress").GetDecimal(), Number(total[4]));
        Assert.Equal(figures.GetProperty("steps").GetProperty("done").GetInt32(), (int)Number(total[8]));
        Assert.Equal(figures.GetProperty("plannedBudget").GetDecimal(), Number(total[12]));
        Assert.Equal(figures.GetProperty("contractPrice").GetDecimal(), Number(total[13]));
        Assert.Equal("application/json", (await _client.GetAsync($"{Base}/kpi")).Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("excel")]
    [InlineData("word")]
    [InlineData("powerpoint")]
    public async Task An_unknown_category_is_404_and_a_missing_one_400_where_it_is_required(string export)
    {
        await Http.ExpectProblemAsync(await _client.GetAsync($"{Base}/exports/{export}?categoryId={Guid.NewGuid()}"), HttpStatusCode.NotFound, "ERR_PROJECTS_CATEGORY_NOT_FOUND");
        if (export != "excel")
        {
            var problem = await Http.ExpectProblemAsync(await _client.GetAsync($"{Base}/exports/{export}"), HttpStatusCode.BadRequest, "ERR_VALIDATION");
            Assert.True(problem.GetProperty("errors").TryGetProperty("categoryId", out _), problem.ToString());
        }
    }

    private async Task<byte[]> DownloadAsync(string url, string contentType, string fileName)
    {
        using var response = await _client.GetAsync(url);
        return await FileAsync(response, contentType, fileName);
    }

    private static async Task<byte[]> FileAsync(HttpResponseMessage response, string contentType, string fileName)
    {
        await Http.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches(fileName, disposition!.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000, $"Only {bytes.Length} bytes.");
        return bytes;
    }

    private static void AssertValid(OpenXmlPackage document)
    {
        var errors = new OpenXmlValidator().Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
    }

    private static List<List<Cell>> Rows(WorkbookPart workbook, Sheet sheet) =>
        [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList())];

    private static string Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty;

    private static decimal Number(Cell cell)
    {
        Assert.Null(cell.DataType);
        return decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string NumberFormatOf(WorkbookPart workbook, Cell cell)
    {
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        return styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value!;
    }

    private static string? StyleOf(W.Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static string TitleOf(P.Slide slide) =>
        slide.CommonSlideData!.ShapeTree!.Elements<P.Shape>()
            .Single(s => s.NonVisualShapeProperties!.ApplicationNonVisualDrawingProperties!.PlaceholderShape?.Type?.Value is { } type
                && (type == P.PlaceholderValues.Title || type == P.PlaceholderValues.CenteredTitle))
            .TextBody!.InnerText;
}
