using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;
using Tracker.Modules.Projects.Features.Shared.Office;

namespace Tracker.Modules.Projects.Features.GetKpi;

internal sealed record CategoryKpi(Guid CategoryId, string Name, KpiFigures Figures);

/// <summary>The KPI report: per category (in their order) and in total, as of a day.</summary>
internal sealed record KpiReport(DateOnly AsOf, string Currency, KpiFigures Total, IReadOnlyList<CategoryKpi> Categories)
{
    /// <summary>The workspace's locale, for the workbook; not part of the JSON.</summary>
    [JsonIgnore]
    public string Locale { get; init; } = Workspace.DefaultLocale;
}

internal sealed record GetKpiQuery : IQuery<Result<KpiReport>>
{
    /// <summary>Only this category (the total is then that category's).</summary>
    [FromQuery(Name = "categoryId")]
    public Guid? CategoryId { get; init; }
}

internal sealed class GetKpiQueryHandler(ProjectsDbContext db, TimeProvider clock) : IQueryHandler<GetKpiQuery, Result<KpiReport>>
{
    public async ValueTask<Result<KpiReport>> Handle(GetKpiQuery query, CancellationToken cancellationToken)
    {
        if (await db.PortfolioAsync(query.CategoryId, cancellationToken) is not { } portfolio)
        {
            return ProjectsErrors.CategoryNotFound.WithDetail(query.CategoryId!.Value);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new KpiReport(
            today,
            portfolio.Workspace.Currency,
            Figures(portfolio.Projects, portfolio, today),
            [.. portfolio.Categories.Select(c => new CategoryKpi(c.Id, c.Name, Figures([.. portfolio.ByCategory[c.Id]], portfolio, today)))])
        {
            Locale = portfolio.Workspace.Locale,
        };
    }

    private static KpiFigures Figures(IReadOnlyList<PortfolioProject> projects, Portfolio portfolio, DateOnly today) =>
        KpiFigures.Of(projects.Select(p => (p.Project, p.Summary.Progress)).ToList(), portfolio.Steps, today);
}

internal sealed class GetKpiEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/kpi", async Task<Results<Ok<KpiReport>, FileContentHttpResult, ProblemHttpResult>> ([AsParameters] GetKpiQuery query, HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var report = await sender.Send(query, cancellationToken);
                if (report.IsFailure)
                {
                    return report.Error.ToProblem();
                }

                // The same report as a workbook when the client asks for one; JSON for any other Accept (so a cache keys on it).
                request.HttpContext.Response.Headers.Vary = HeaderNames.Accept;
                return request.Accepts(OfficeFile.Xlsx)
                    ? KpiWorkbook.Of(report.Value).ToHttp()
                    : TypedResults.Ok(report.Value);
            })
            .WithSummary("The KPI report per category and in total: projects by status, average progress, steps by status, overdue steps and projects, on-time rate, money totals")
            .WithDescription("JSON by default; with `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` the same figures as an Excel workbook (one row per category and a total row), sent as an attachment.")
            .ProducesFile(OfficeFile.Xlsx)
            .ProducesError(StatusCodes.Status404NotFound);
}
