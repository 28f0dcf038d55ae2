using Microsoft.AspNetCore.Mvc;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;
using Tracker.Modules.Projects.Features.Shared.Office;

namespace Tracker.Modules.Projects.Features.ExportCategoryWord;

internal sealed record ExportCategoryWordQuery : IQuery<Result<OfficeFile>>
{
    [FromQuery(Name = "categoryId")]
    public Guid CategoryId { get; init; }
}

internal sealed class ExportCategoryWordQueryHandler(ProjectsDbContext db, TimeProvider clock) : IQueryHandler<ExportCategoryWordQuery, Result<OfficeFile>>
{
    private static readonly (string Header, int Width)[] StepColumns =
    [
        ("#", 500), ("Step", 3300), ("Status", 1300), ("Weight", 900), ("Planned", 2100), ("Actual", 2100), ("Progress", 1100),
    ];

    public async ValueTask<Result<OfficeFile>> Handle(ExportCategoryWordQuery query, CancellationToken cancellationToken)
    {
        if (await db.PortfolioAsync(query.CategoryId, cancellationToken) is not { } portfolio)
        {
            return ProjectsErrors.CategoryNotFound.WithDetail(query.CategoryId);
        }

        var category = portfolio.Categories[0];
        var managers = await db.ManagerNamesAsync(portfolio.Projects, cancellationToken);
        var steps = await db.StepRowsAsync([.. portfolio.Projects.Select(p => p.Project)], cancellationToken);
        var format = ExportFormat.Of(portfolio.Workspace);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var content = WordDocuments.Write(format.Culture.Name, body =>
        {
            body.Paragraph(category.Name, WordDocuments.TitleStyle);
            body.Paragraph(portfolio.Workspace.Name, WordDocuments.SubtitleStyle);
            if (category.Description is { } description)
            {
                body.Paragraph(description);
            }

            body.Field("Projects", portfolio.Projects.Count.ToString(format.Culture));
            body.Field("As of", format.Date(today));
            foreach (var row in portfolio.Projects)
            {
                Project(body, row, managers, [.. steps[row.Project.Id]], format);
            }
        });
        return new OfficeFile($"category-{FileNames.Slug(category.Name, category.Id)}.docx", OfficeFile.Docx, content);
    }

    /// <summary>A project from a new page: its heading, its figures, then its steps table.</summary>
    private static void Project(WordBody body, PortfolioProject row, Dictionary<Guid, string> managers, IReadOnlyList<StepRow> steps, ExportFormat format)
    {
        var p = row.Project;
        body.Paragraph($"{p.Code} — {p.Name}", WordDocuments.Heading1Style, newPage: true);
        body.Field("Manager", p.ManagerId is { } id && managers.TryGetValue(id, out var manager) ? manager : ExportFormat.None);
        body.Field("Status", p.Status.ToString());
        body.Field("Progress", $"{format.Percent(row.Summary.Progress)} ({row.DoneSteps} of {row.Summary.StepCount} steps done)");
        body.Field("Planned", format.Dates(p.PlannedStart, p.PlannedEnd));
        body.Field("Actual", format.Dates(p.ActualStart, p.ActualEnd));
        body.Field("Planned budget", format.Money(p.PlannedBudget));
        body.Field("Contract price", format.Money(p.ContractPrice));
        if (p.Description is { } description)
        {
            body.Paragraph(description);
        }

        body.Paragraph("Steps", WordDocuments.Heading2Style);
        if (steps.Count == 0)
        {
            body.Paragraph("No steps yet.");
            return;
        }

        body.Table(StepColumns, steps.Select(s => (IReadOnlyList<string>)
        [
            (s.Position + 1).ToString(format.Culture), s.Name, ExportFormat.Status(s.Status), format.Number(s.Weight),
            format.Dates(s.PlannedStart, s.PlannedEnd), format.Dates(s.ActualStart, s.ActualEnd), format.Percent(s.Progress),
        ]));
    }
}

internal sealed class ExportCategoryWordEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/exports/word", async Task<Results<FileContentHttpResult, ProblemHttpResult>> ([AsParameters] ExportCategoryWordQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(file => file.ToHttp()))
            .WithSummary("A category's projects as a Word document: a title page, then a section per project with its figures and steps table")
            .WithDescription("Each project starts a page: manager, status, progress, planned and actual dates, money, then a table of its steps (status, weight, planned and actual dates, progress). Dates and numbers follow the workspace locale, money its currency.")
            .ProducesFile(OfficeFile.Docx)
            .ProducesError(StatusCodes.Status404NotFound);
}
