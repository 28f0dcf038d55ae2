using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>Characteristics exported as JSON or .xlsx and imported back: all or nothing, every problem by its place.</summary>
public sealed class CharacteristicsImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Base = ProjectsApi.Base;

    private static readonly object[] Table =
    [
        new { parameter = "Power", value = "15", unit = "kW" },
        new { parameter = "Напряжение", value = "380", unit = "В" },
        new { parameter = "Colour", value = "=RAL 5015 _x0041_" },
        new { parameter = "Mass", value = "0012.50", unit = "kg" },
    ];

    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Json_export_imports_into_another_project_as_the_same_rows()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var (source, _) = await ProjectAsync(api);
        var (target, _) = await ProjectAsync(api);
        await api.ReplaceCharacteristicsAsync(source, Table);
        await api.ReplaceCharacteristicsAsync(target, new { parameter = "Old", value = "1" });

        var exported = await api.Client.GetStringAsync($"{Base}/projects/{source}/characteristics");
        var imported = await Http.ReadAsync<JsonElement>(await api.ImportCharacteristicsAsync(target, Json(exported)));

        Assert.False(imported.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, imported.GetProperty("removed").GetInt32());
        var expected = await api.CharacteristicsAsync(source);
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, ProjectsApi.Rows(imported));
        Assert.Equal(expected, await api.CharacteristicsAsync(target));
    }

    [Fact]
    public async Task Excel_export_is_a_valid_workbook_that_imports_into_another_project_as_the_same_rows()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var (source, code) = await ProjectAsync(api);
        var (target, _) = await ProjectAsync(api);
        await api.ReplaceCharacteristicsAsync(source, Table);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/projects/{source}/characteristics");
        request.Headers.Accept.ParseAdd(Xlsx);
        using var response = await api.Client.SendAsync(request);
        await Http.ExpectAsync(response, HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"characteristics-{code}.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join('\n', errors));
            var sheet = Assert.Single(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>());
            Assert.Equal("Characteristics", sheet.Name?.Value);
            var worksheet = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
            var pane = worksheet.Descendants<Pane>().Single();
            Assert.Equal((PaneStateValues.Frozen, 1d), (pane.State!.Value, pane.VerticalSplit!.Value));
            var rows = worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToArray()).ToList();
            Assert.Equal(["Parameter", "Value", "Unit"], rows[0]);
            Assert.Equal(["Power", "15", "kW"], rows[1]);
            Assert.Equal(["Colour", "=RAL 5015 _x005F_x0041_"], rows[3]); // text, not a formula; a literal _x0041_ stays itself
            Assert.Equal(5, rows.Count);
        }

        await Http.ExpectAsync(await api.ImportCharacteristicsAsync(target, Workbook(bytes)), HttpStatusCode.OK);

        Assert.Equal(await api.CharacteristicsAsync(source), await api.CharacteristicsAsync(target));
    }

    [Fact]
    public async Task Bad_rows_are_all_named_by_their_place_and_the_table_stays_as_it_was()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var (projectId, _) = await ProjectAsync(api);
        await api.ReplaceCharacteristicsAsync(projectId, new { parameter = "Mass", value = "12" });
        var before = await api.CharacteristicsAsync(projectId);
        var tooLong = new string('x', 1001);

        var json = JsonSerializer.Serialize(new { items = new object[] { new { parameter = "Ok", value = "1" }, new { parameter = "", value = "2" }, new { parameter = "Long", value = tooLong } } });
        var jsonProblem = await Http.ExpectProblemAsync(await api.ImportCharacteristicsAsync(projectId, Json(json)), HttpStatusCode.BadRequest, "ERR_PROJECTS_CHARACTERISTICS_IMPORT_INVALID");
        var sheet = BuildWorkbook([["Parameter", "Value", "Unit"], ["Ok", 1d], [], ["", "2"], ["Long", tooLong]]);
        var sheetProblem = await Http.ExpectProblemAsync(await api.ImportCharacteristicsAsync(projectId, Workbook(sheet)), HttpStatusCode.BadRequest, "ERR_PROJECTS_CHARACTERISTICS_IMPORT_INVALID");

        Assert.Equal(["items[1].parameter", "items[2].value"], ErrorPaths(jsonProblem));
        Assert.Equal(["rows[4].parameter", "rows[5].value"], ErrorPaths(sheetProblem));
        Assert.Equal(before, await api.CharacteristicsAsync(projectId));
    }

    [Fact]
    public async Task A_dry_run_answers_the_table_a_hand_made_workbook_would_leave_and_changes_nothing()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var (projectId, _) = await ProjectAsync(api);
        await api.ReplaceCharacteristicsAsync(projectId, new { parameter = "Mass", value = "12" }, new { parameter = "Size", value = "3" });
        var before = await api.CharacteristicsAsync(projectId);

        // Russian headers in another case; numbers typed into cells; a date; an empty row; a unit left empty.
        var sheet = BuildWorkbook([["параметр", "ЗНАЧЕНИЕ", "Единица"], ["Power", 12d, "kW"], ["Ratio", 0.1 + 0.2], [], ["Big", 1234567890123d], ["Since", new DateTime(2024, 5, 1)], [" Voltage ", " 380 ", " "]]);
        var answer = await Http.ReadAsync<JsonElement>(await api.ImportCharacteristicsAsync(projectId, Workbook(sheet), dryRun: true));

        Assert.True(answer.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, answer.GetProperty("removed").GetInt32());
        Assert.Equal([("Power", "12", "kW"), ("Ratio", "0.3", null), ("Big", "1234567890123", null), ("Since", "2024-05-01", null), ("Voltage", "380", null)], ProjectsApi.Rows(answer));
        Assert.Equal(before, await api.CharacteristicsAsync(projectId));
    }

    [Fact]
    public async Task Only_planners_import_and_an_unknown_project_is_not_found()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var (projectId, _) = await ProjectAsync(api);
        var worker = $"ciw{Guid.NewGuid():N}"[..12];
        await _app.CreateUserAsync(worker, "worker");
        using var workerClient = await _app.SignInAsync(worker, TrackerApp.PasswordOf(worker));
        var body = """{"items":[{"parameter":"Power","value":"15"}]}""";

        await Http.ExpectProblemAsync(await new ProjectsApi(workerClient).ImportCharacteristicsAsync(projectId, Json(body)), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await Http.ExpectProblemAsync(await api.ImportCharacteristicsAsync(Guid.NewGuid(), Json(body)), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
        await Http.ExpectProblemAsync(await api.ImportCharacteristicsAsync(Guid.NewGuid(), Workbook(BuildWorkbook([["Parameter", "Value"]]))), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
        Assert.Empty(await api.CharacteristicsAsync(projectId));
    }

    [Fact]
    public async Task A_body_that_is_not_what_its_type_says_is_unreadable_and_changes_nothing()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var (projectId, _) = await ProjectAsync(api);
        await api.ReplaceCharacteristicsAsync(projectId, new { parameter = "Mass", value = "12" });
        var before = await api.CharacteristicsAsync(projectId);

        var notXlsx = await Http.ExpectProblemAsync(await api.ImportCharacteristicsAsync(projectId, Workbook(Encoding.UTF8.GetBytes("Parameter;Value\nPower;15\n"))), HttpStatusCode.BadRequest, "ERR_PROJECTS_CHARACTERISTICS_UNREADABLE");
        var notJson = await Http.ExpectProblemAsync(await api.ImportCharacteristicsAsync(projectId, Json("""{"items":[{"parameter":"Power",""")), HttpStatusCode.BadRequest, "ERR_PROJECTS_CHARACTERISTICS_UNREADABLE");
        await Http.ExpectProblemAsync(await api.ImportCharacteristicsAsync(projectId, new StringContent("Power;15", Encoding.UTF8, "text/csv")), HttpStatusCode.UnsupportedMediaType, "ERR_UNSUPPORTED_MEDIA_TYPE");

        Assert.Equal(["$"], ErrorPaths(notXlsx));
        Assert.NotEmpty(ErrorPaths(notJson));
        Assert.Equal(before, await api.CharacteristicsAsync(projectId));
    }

    private static async Task<(Guid Id, string Code)> ProjectAsync(ProjectsApi api)
    {
        var category = await api.CreateCategoryAsync($"Chars IO {Guid.NewGuid():N}");
        var project = await api.CreateProjectAsync(category.Id(), $"CI-{Guid.NewGuid():N}"[..14]);
        return (project.Id(), project.GetProperty("code").GetString()!);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Workbook(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return content;
    }

    private static List<string> ErrorPaths(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

    /// <summary>
    /// A workbook as Excel saves one (not as the export writes it): text in the shared string table, numbers as
    /// numbers, dates as serial numbers under a date format, an empty row as no row at all.
    /// </summary>
    private static byte[] BuildWorkbook(object?[][] rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var strings = new SharedStringTable();
            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = strings;
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r].Length == 0)
                {
                    continue;
                }

                var row = new Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = new Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                    switch (rows[r][c])
                    {
                        case string text:
                            strings.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                            cell.DataType = CellValues.SharedString;
                            cell.CellValue = new CellValue(strings.ChildElements.Count - 1);
                            break;
                        case double number:
                            cell.CellValue = new CellValue(number.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        case DateTime date:
                            cell.CellValue = new CellValue(date.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
                            cell.StyleIndex = 1;
                            break;
                    }

                    row.Append(cell);
                }

                data.Append(row);
            }

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook.Append(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Лист1" }));
        }

        return output.ToArray();
    }
}
