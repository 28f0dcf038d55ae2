using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ImportCharacteristics;

/// <summary>The JSON import: the document the JSON export answers (<c>unit</c> may be null or left out).</summary>
/// <param name="Items">The whole table as it should be, in order (0 to 500 rows).</param>
internal sealed record ImportCharacteristicsDocument(IReadOnlyList<CharacteristicRow> Items);

/// <summary>One row of an import and where it is: <c>items[3]</c> in JSON, <c>rows[5]</c> (the sheet's row number) in a workbook.</summary>
internal sealed record ImportedRow(string Place, CharacteristicRow? Row);

/// <summary>One thing wrong with an import, at its path (<c>items[3].parameter</c>, <c>rows[5].value</c>).</summary>
internal sealed record ImportProblem(string Path, string Message);

/// <summary>What was read from the body: its rows, and the problems reading found (a wrong header, a stray column).</summary>
/// <param name="Collection">What the rows are called in problem paths: <c>items</c> or <c>rows</c>.</param>
internal sealed record CharacteristicsImport(string Collection, IReadOnlyList<ImportedRow> Rows, IReadOnlyList<ImportProblem> Problems);

/// <summary>What an import did, or in a dry run would do: the rows it replaced (removed) and the table it leaves.</summary>
internal sealed record ImportCharacteristicsResponse(bool DryRun, int Removed, IReadOnlyList<CharacteristicResponse> Items);

internal sealed record ImportCharacteristicsCommand(Guid ProjectId, CharacteristicsImport Import, bool DryRun) : ICommand<Result<ImportCharacteristicsResponse>>;

internal sealed class ImportCharacteristicsCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<ImportCharacteristicsCommand, Result<ImportCharacteristicsResponse>>
{
    private static readonly CharacteristicRowValidator RowValidator = new();

    /// <summary>
    /// All or nothing: every row is checked against the rules PUT applies before anything is written, and every
    /// problem is reported at once; then the table is replaced exactly as PUT replaces it.
    /// </summary>
    public async ValueTask<Result<ImportCharacteristicsResponse>> Handle(ImportCharacteristicsCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == command.ProjectId, cancellationToken))
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
        }

        var import = command.Import;
        var problems = Check(import);
        if (problems.Count > 0)
        {
            return Reject(problems);
        }

        var now = clock.GetUtcNow();
        var rows = import.Rows.Select(r => r.Row!).ToList();
        if (command.DryRun)
        {
            var removed = await db.Characteristics.CountAsync(c => c.ProjectId == command.ProjectId, cancellationToken);
            return new ImportCharacteristicsResponse(true, removed, rows.ConvertAll(row => CharacteristicTable.Preview(row, now)));
        }

        var replaced = await db.ReplaceCharacteristicsAsync(command.ProjectId, rows, now, cancellationToken);
        return replaced.IsFailure ? replaced.Error : new ImportCharacteristicsResponse(false, replaced.Value.Removed, replaced.Value.Table.Items);
    }

    private static List<ImportProblem> Check(CharacteristicsImport import)
    {
        var problems = new List<ImportProblem>(import.Problems);
        var culture = CultureInfo.CurrentUICulture;
        if (import.Rows.Count > Characteristic.MaxPerProject)
        {
            // Row by row would only say the same of hundreds of rows that cannot all be kept anyway.
            problems.Add(new ImportProblem(import.Collection, ImportMessages.TooManyRows.In(culture)));
            return problems;
        }

        foreach (var (place, row) in import.Rows)
        {
            if (row is null)
            {
                problems.Add(new ImportProblem(place, ImportMessages.RowRequired.In(culture)));
                continue;
            }

            problems.AddRange(RowValidator.Validate(row).Errors.Select(f => new ImportProblem($"{place}.{JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName)}", f.ErrorMessage)));
        }

        return problems;
    }

    public static Error Reject(IReadOnlyCollection<ImportProblem> problems) =>
        ProjectsErrors.CharacteristicsImportInvalid.WithDetail(problems.Count).WithExtension(
            "errors", problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).Distinct().ToArray()));
}

internal sealed class ImportCharacteristicsEndpoint : ICarterModule
{
    /// <summary>500 rows of text are far below this, in either form; an .xlsx is compressed besides.</summary>
    private const long MaxBodyBytes = 5L * 1024 * 1024;

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/projects/{id}/characteristics/import", async Task<Results<Ok<ImportCharacteristicsResponse>, ProblemHttpResult>> (Guid id, HttpRequest request, ISender sender, CancellationToken cancellationToken, bool dryRun = false) =>
            {
                var import = await ReadAsync(request, cancellationToken);
                if (import.IsFailure)
                {
                    return import.Error.ToProblem();
                }

                return (await sender.Send(new ImportCharacteristicsCommand(id, import.Value, dryRun), cancellationToken)).ToHttp(TypedResults.Ok);
            })
            .Accepts<ImportCharacteristicsDocument>("application/json", CharacteristicsSheet.MediaType)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsIdempotency()
            .WithSummary("Replace a project's characteristics from a JSON document or an .xlsx workbook: all or nothing (planner, manager or admin)")
            .WithDescription($"The body is what `GET …/characteristics` exports: the JSON document (`application/json`), or the workbook (`{CharacteristicsSheet.MediaType}`, the file's bytes; its first sheet is read: header row Parameter | Value | Unit, in any case or in Russian, then one row per characteristic; empty rows are skipped). The rows replace the table as `PUT …/characteristics` does, under the same rules. Any problem answers ERR_PROJECTS_CHARACTERISTICS_IMPORT_INVALID, its `errors` naming each by its place: `items[3].parameter` in JSON, `rows[5].value` in a workbook (the sheet's row number, the header being row 1), and changes nothing; a body that cannot be read as its type answers ERR_PROJECTS_CHARACTERISTICS_UNREADABLE. `dryRun=true` checks everything and answers the table the import would leave, without changing it.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

    private static async Task<Result<CharacteristicsImport>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request, cancellationToken);
        }

        if (IsWorkbook(request.ContentType))
        {
            // The zip's directory is at its end: the body is held whole (at most MaxBodyBytes).
            using var workbook = new MemoryStream();
            await request.Body.CopyToAsync(workbook, cancellationToken);
            return CharacteristicsWorkbookReader.Read(workbook);
        }

        return CommonErrors.UnsupportedMediaType with
        {
            Detail = new($"Send the body as application/json or {CharacteristicsSheet.MediaType}.", $"Передайте тело запроса как application/json или {CharacteristicsSheet.MediaType}."),
        };
    }

    /// <summary>Read as strictly as every JSON body; what the reader refuses is named by its path like any other problem.</summary>
    private static async Task<Result<CharacteristicsImport>> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            if (await request.ReadFromJsonAsync<ImportCharacteristicsDocument>(cancellationToken) is not { } document)
            {
                return Unreadable(new() { ["$"] = [FieldMessages.BodyRequired.In(culture)] });
            }

            return new CharacteristicsImport("items", [.. document.Items.Select((row, i) => new ImportedRow($"items[{i}]", row))], []);
        }
        catch (JsonException exception)
        {
            var (error, errors) = JsonInputErrors.Describe(exception, culture);
            return error == CommonErrors.MalformedJson
                ? Unreadable(errors)
                : ProjectsErrors.CharacteristicsImportInvalid.WithDetail(errors.Count).WithExtension("errors", errors);
        }
    }

    private static Error Unreadable(Dictionary<string, string[]> errors) =>
        ProjectsErrors.CharacteristicsUnreadable.WithDetail("application/json").WithExtension("errors", errors);

    private static bool IsWorkbook(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals(CharacteristicsSheet.MediaType, StringComparison.OrdinalIgnoreCase);
}
