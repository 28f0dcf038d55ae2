using Microsoft.AspNetCore.Mvc;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetKpi;

internal sealed record CategoryKpi(Guid CategoryId, string Name, KpiFigures Figures);

/// <summary>The KPI report: per category (in their order) and in total, as of a day.</summary>
internal sealed record KpiReport(DateOnly AsOf, string Currency, KpiFigures Total, IReadOnlyList<CategoryKpi> Categories);

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
        var categories = db.Categories.AsNoTracking();
        var projects = db.Projects.AsNoTracking();
        if (query.CategoryId is { } categoryId)
        {
            categories = categories.Where(c => c.Id == categoryId);
            projects = projects.Where(p => p.CategoryId == categoryId);
        }

        var categoryRows = await categories.OrderBy(c => c.SortOrder).ThenBy(c => c.NormalizedName).ToListAsync(cancellationToken);
        if (query.CategoryId is { } wanted && categoryRows.Count == 0)
        {
            return ProjectsErrors.CategoryNotFound.WithDetail(wanted);
        }

        var withProgress = (await db.WithProgressAsync(await projects.ToListAsync(cancellationToken), cancellationToken)).ConvertAll(p => (p.Project, p.Summary.Progress));
        var projectIds = withProgress.ConvertAll(p => p.Project.Id);
        var steps = (await db.Steps.AsNoTracking().Where(s => projectIds.Contains(s.ProjectId))
                .Select(s => new StepFacts(s.ProjectId, s.Status, s.PlannedEnd, s.ActualEnd))
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ProjectId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var byCategory = withProgress.ToLookup(p => p.Project.CategoryId);
        return new KpiReport(
            today,
            (await db.WorkspaceAsync(cancellationToken)).Currency,
            KpiFigures.Of(withProgress, steps, today),
            categoryRows.ConvertAll(c => new CategoryKpi(c.Id, c.Name, KpiFigures.Of([.. byCategory[c.Id]], steps, today))));
    }
}

internal sealed class GetKpiEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/kpi", async Task<Results<Ok<KpiReport>, ProblemHttpResult>> ([AsParameters] GetKpiQuery query, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(query, cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("The KPI report per category and in total: projects by status, average progress, steps by status, overdue steps and projects, on-time rate, money totals")
            .ProducesError(StatusCodes.Status404NotFound);
}
