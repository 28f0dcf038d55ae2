using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>Its own host: the report covers every project of the database, so nothing else may add any.</summary>
public sealed class KpiTests : IAsyncLifetime
{
    private const string Base = ProjectsApi.Base;

    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_report_matches_figures_computed_by_hand()
    {
        var api = new ProjectsApi(await _fixture.App.AdminAsync());
        var a = await api.CreateCategoryAsync("A", sortOrder: 0);
        var b = await api.CreateCategoryAsync("B", sortOrder: 1);
        var p1 = await api.CreateProjectAsync(a.Id(), "P1", extra: new { plannedBudget = 100m, contractPrice = 150m, plannedEnd = "2020-01-01" });
        await StepAsync(api, p1.Id(), "done", plannedEnd: "2020-01-10", actualEnd: "2020-01-09");
        await StepAsync(api, p1.Id(), "done", plannedEnd: "2020-01-10", actualEnd: "2020-01-12");
        await StepAsync(api, p1.Id(), "todo", plannedEnd: "2020-02-01");
        var p2 = await api.CreateProjectAsync(a.Id(), "P2", extra: new { plannedBudget = 50m });
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/projects/status", new { projectIds = new[] { p2.Id() }, status = "archived" }), HttpStatusCode.OK);
        var p3 = await api.CreateProjectAsync(b.Id(), "P3", extra: new { contractPrice = 1000.50m, plannedEnd = "2999-01-01" });
        await StepAsync(api, p3.Id(), "in_progress", plannedEnd: "2999-01-01");
        await StepAsync(api, p3.Id(), "blocked");

        var report = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/kpi"));

        // P1 = (1 + 1 + 0) / 3 = 0.6667, P2 = 0, P3 = (0.5 + 0) / 2 = 0.25.
        AssertFigures(report.GetProperty("total"), projects: (3, 2, 1), progress: 0.3056m, steps: (1, 1, 1, 2), overdue: (1, 1), onTime: 0.5m, money: (150m, 1150.50m));
        var categories = report.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(["A", "B"], categories.Select(c => c.GetProperty("name").GetString()));
        AssertFigures(categories[0].GetProperty("figures"), projects: (2, 1, 1), progress: 0.3334m, steps: (1, 0, 0, 2), overdue: (1, 1), onTime: 0.5m, money: (150m, 150m));
        AssertFigures(categories[1].GetProperty("figures"), projects: (1, 1, 0), progress: 0.25m, steps: (0, 1, 1, 0), overdue: (0, 0), onTime: null, money: (0m, 1000.50m));

        var onlyB = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/kpi?categoryId={b.Id()}"));
        Assert.Equal(1, onlyB.GetProperty("total").GetProperty("projects").GetInt32());
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/kpi?categoryId={Guid.NewGuid()}"), HttpStatusCode.NotFound, "ERR_PROJECTS_CATEGORY_NOT_FOUND");
    }

    private static async Task StepAsync(ProjectsApi api, Guid projectId, string status, string? plannedEnd = null, string? actualEnd = null) =>
        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{Base}/projects/{projectId}/steps", new { name = $"{status} step", status, plannedEnd, actualEnd }), HttpStatusCode.Created);

    private static void AssertFigures(JsonElement figures, (int All, int Active, int Archived) projects, decimal progress, (int Todo, int InProgress, int Blocked, int Done) steps, (int Steps, int Projects) overdue, decimal? onTime, (decimal Budget, decimal Contract) money)
    {
        Assert.Equal(projects, (figures.GetProperty("projects").GetInt32(), figures.GetProperty("activeProjects").GetInt32(), figures.GetProperty("archivedProjects").GetInt32()));
        Assert.Equal(progress, figures.GetProperty("averageProgress").GetDecimal());
        var s = figures.GetProperty("steps");
        Assert.Equal(steps, (s.GetProperty("todo").GetInt32(), s.GetProperty("inProgress").GetInt32(), s.GetProperty("blocked").GetInt32(), s.GetProperty("done").GetInt32()));
        Assert.Equal(overdue, (figures.GetProperty("overdueSteps").GetInt32(), figures.GetProperty("overdueProjects").GetInt32()));
        Assert.Equal(onTime, figures.GetProperty("onTimeRate").ValueKind == JsonValueKind.Null ? null : figures.GetProperty("onTimeRate").GetDecimal());
        Assert.Equal(money, (figures.GetProperty("plannedBudget").GetDecimal(), figures.GetProperty("contractPrice").GetDecimal()));
    }
}
