using Microsoft.AspNetCore.Mvc;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;
using Tracker.Modules.Projects.Features.Shared.Office;

namespace Tracker.Modules.Projects.Features.ExportPortfolioExcel;

internal sealed record ExportPortfolioExcelQuery : IQuery<Result<OfficeFile>>
{
    /// <summary>Only this category (the summary then has its one row).</summary>
    [FromQuery(Name = "categoryId")]
    public Guid? CategoryId { get; init; }
}

internal sealed class ExportPortfolioExcelQueryHandler(ProjectsDbContext db, TimeProvider clock) : IQueryHandler<ExportPortfolioExcelQuery, Result<OfficeFile>>
{
    public async ValueTask<Result<OfficeFile>> Handle(ExportPortfolioExcelQuery query, CancellationToken cancellationToken)
    {
        if (await db.PortfolioAsync(query.CategoryId, cancellationToken) is not { } portfolio)
        {
            return ProjectsErrors.CategoryNotFound.WithDetail(query.CategoryId!.Value);
        }

        var managers = await db.ManagerNamesAsync(portfolio.Projects, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var currency = portfolio.Workspace.Currency;
        SheetColumn[] summary =
        [
            new("Category", CellKind.Text, 30),
            new("Projects", CellKind.Integer, 10),
            new("Active", CellKind.Integer, 10),
            new("Archived", CellKind.Integer, 10),
            new("Average progress", CellKind.Percent, 12),
            new($"Planned budget, {currency}", CellKind.Money, 18),
            new($"Contract price, {currency}", CellKind.Money, 18),
        ];
        SheetColumn[] projects =
        [
            new("Code", CellKind.Text, 16),
            new("Name", CellKind.Text, 40),
            new("Manager", CellKind.Text, 24),
            new("Status", CellKind.Text, 10),
            new("Planned start", CellKind.Date, 12),
            new("Planned end", CellKind.Date, 12),
            new("Actual start", CellKind.Date, 12),
            new("Actual end", CellKind.Date, 12),
            new($"Planned budget, {currency}", CellKind.Money, 18),
            new($"Contract price, {currency}", CellKind.Money, 18),
            new("Progress", CellKind.Percent, 10),
            new("Steps", CellKind.Integer, 8),
            new("Done steps", CellKind.Integer, 8),
        ];

        var sheets = portfolio.Categories
            .Select(c => new SheetTable(c.Name, projects, portfolio.ByCategory[c.Id].Select(p => ProjectRow(p, managers))))
            .Prepend(new SheetTable("Summary", summary, portfolio.Categories.Select(c => SummaryRow(c, [.. portfolio.ByCategory[c.Id]], portfolio, today))));
        var name = query.CategoryId is null ? "portfolio" : $"portfolio-{FileNames.Slug(portfolio.Categories[0].Name, portfolio.Categories[0].Id)}";
        return new OfficeFile($"{name}-{FileNames.Day(today)}.xlsx", OfficeFile.Xlsx, Spreadsheets.Write(ExportFormat.Of(portfolio.Workspace), sheets));
    }

    /// <summary>The figures of the KPI report (<see cref="KpiFigures"/>): the same counts, sums and rounded average.</summary>
    private static object?[] SummaryRow(Category category, IReadOnlyList<PortfolioProject> projects, Portfolio portfolio, DateOnly today)
    {
        var figures = KpiFigures.Of(projects.Select(p => (p.Project, p.Summary.Progress)).ToList(), portfolio.Steps, today);
        return [category.Name, figures.Projects, figures.ActiveProjects, figures.ArchivedProjects, figures.AverageProgress, figures.PlannedBudget, figures.ContractPrice];
    }

    private static object?[] ProjectRow(PortfolioProject row, Dictionary<Guid, string> managers)
    {
        var p = row.Project;
        return
        [
            p.Code, p.Name, p.ManagerId is { } id ? managers.GetValueOrDefault(id) : null, p.Status.ToString(),
            p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd, p.PlannedBudget, p.ContractPrice,
            row.Summary.Progress, row.Summary.StepCount, row.DoneSteps,
        ];
    }
}

internal sealed class ExportPortfolioExcelEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/exports/excel", async Task<Results<FileContentHttpResult, ProblemHttpResult>> ([AsParameters] ExportPortfolioExcelQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(file => file.ToHttp()))
            .WithSummary("The portfolio as an Excel workbook: a Summary sheet, then one sheet per category with a row per project")
            .WithDescription("Summary: per category its projects, active, archived, average progress and money totals. Category sheets: code, name, manager, status, planned and actual dates (date cells), planned budget and contract price (in the workspace currency), progress (a percentage cell), steps and done steps. Headers are frozen and filtered.")
            .ProducesFile(OfficeFile.Xlsx)
            .ProducesError(StatusCodes.Status404NotFound);
}
