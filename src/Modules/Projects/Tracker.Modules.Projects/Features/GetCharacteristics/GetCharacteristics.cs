using Microsoft.Net.Http.Headers;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetCharacteristics;

/// <summary>A project's table with the project's code, which names the spreadsheet.</summary>
internal sealed record ProjectCharacteristics(string ProjectCode, CharacteristicList Table);

internal sealed record GetCharacteristicsQuery(Guid ProjectId) : IQuery<Result<ProjectCharacteristics>>;

internal sealed class GetCharacteristicsQueryHandler(ProjectsDbContext db) : IQueryHandler<GetCharacteristicsQuery, Result<ProjectCharacteristics>>
{
    public async ValueTask<Result<ProjectCharacteristics>> Handle(GetCharacteristicsQuery query, CancellationToken cancellationToken) =>
        await db.Projects.Where(p => p.Id == query.ProjectId).Select(p => p.Code).SingleOrDefaultAsync(cancellationToken) is { } code
            ? new ProjectCharacteristics(code, await db.CharacteristicsOfAsync(query.ProjectId, cancellationToken))
            : ProjectsErrors.ProjectNotFound.WithDetail(query.ProjectId);
}

internal sealed class GetCharacteristicsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects/{id}/characteristics", async Task<Results<Ok<CharacteristicList>, FileContentHttpResult, ProblemHttpResult>> (Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                // The answer depends on Accept: a cache must not hand the spreadsheet to a client that asked for JSON.
                http.Response.Headers.Vary = HeaderNames.Accept;
                var result = await sender.Send(new GetCharacteristicsQuery(id), cancellationToken);
                if (result.IsFailure)
                {
                    return result.Error.ToProblem();
                }

                return http.Request.Accepts(CharacteristicsSheet.MediaType)
                    ? TypedResults.File(CharacteristicsWorkbook.Write(result.Value.Table.Items), CharacteristicsSheet.MediaType, CharacteristicsSheet.FileName(result.Value.ProjectCode))
                    : TypedResults.Ok(result.Value.Table);
            })
            .ProducesFile(CharacteristicsSheet.MediaType)
            .WithSummary("A project's characteristics (parameter, value, unit) in order; at most 500, so not paged")
            .WithDescription($"JSON by default, the document `POST …/characteristics/import` takes back. With `Accept: {CharacteristicsSheet.MediaType}` an .xlsx workbook instead (sheet \"{CharacteristicsSheet.SheetName}\", header row Parameter | Value | Unit, one row per characteristic), as an attachment named `characteristics-<project code>.xlsx`.")
            .ProducesError(StatusCodes.Status404NotFound);
}
