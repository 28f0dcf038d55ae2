using Microsoft.AspNetCore.Mvc;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;
using Tracker.Modules.Projects.Features.Shared.Office;

namespace Tracker.Modules.Projects.Features.ExportCategoryPresentation;

internal sealed record ExportCategoryPresentationQuery : IQuery<Result<OfficeFile>>
{
    [FromQuery(Name = "categoryId")]
    public Guid CategoryId { get; init; }
}

internal sealed class ExportCategoryPresentationQueryHandler(ProjectsDbContext db, TimeProvider clock) : IQueryHandler<ExportCategoryPresentationQuery, Result<OfficeFile>>
{
    public async ValueTask<Result<OfficeFile>> Handle(ExportCategoryPresentationQuery query, CancellationToken cancellationToken)
    {
        if (await db.PortfolioAsync(query.CategoryId, cancellationToken) is not { } portfolio)
        {
            return ProjectsErrors.CategoryNotFound.WithDetail(query.CategoryId);
        }

        var category = portfolio.Categories[0];
        var managers = await db.ManagerNamesAsync(portfolio.Projects, cancellationToken);
        var format = ExportFormat.Of(portfolio.Workspace);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var title = new SlideText(category.Name, [portfolio.Workspace.Name, $"{portfolio.Projects.Count} projects", $"As of {format.Date(today)}"]);
        var slides = portfolio.Projects.Select(row =>
        {
            var p = row.Project;
            return new SlideText(
                $"{p.Code} — {p.Name}",
                [
                    $"Manager: {(p.ManagerId is { } id && managers.TryGetValue(id, out var manager) ? manager : ExportFormat.None)}",
                    $"Status: {p.Status}",
                    $"Steps: {row.DoneSteps} of {row.Summary.StepCount} done",
                    $"Planned: {format.Dates(p.PlannedStart, p.PlannedEnd)}",
                    $"Actual: {format.Dates(p.ActualStart, p.ActualEnd)}",
                    $"Planned budget: {format.Money(p.PlannedBudget)}",
                    $"Contract price: {format.Money(p.ContractPrice)}",
                ],
                row.Summary.Progress,
                format.Percent(row.Summary.Progress));
        });
        var content = Presentations.Write(format.Culture.Name, title, slides);
        return new OfficeFile($"category-{FileNames.Slug(category.Name, category.Id)}.pptx", OfficeFile.Pptx, content);
    }
}

internal sealed class ExportCategoryPresentationEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/exports/powerpoint", async Task<Results<FileContentHttpResult, ProblemHttpResult>> ([AsParameters] ExportCategoryPresentationQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(file => file.ToHttp()))
            .WithSummary("A category as a PowerPoint presentation: a title slide, then a slide per project with its progress and key dates")
            .WithDescription("Project slides show a progress bar with the share done, the manager, status, done steps, planned and actual dates and money, formatted with the workspace locale and currency.")
            .ProducesFile(OfficeFile.Pptx)
            .ProducesError(StatusCodes.Status404NotFound);
}
