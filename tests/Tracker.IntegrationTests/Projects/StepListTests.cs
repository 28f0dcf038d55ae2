using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>One project's steps: in order with their subtasks and progress, filtered, paged by cursor.</summary>
public sealed class StepListTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = ProjectsApi.Base;

    private readonly TrackerApp _app = fixture.App;

    private async Task<(ProjectsApi Api, Guid ProjectId, List<Guid> StepIds)> ProjectWithStepsAsync()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var category = (await api.CreateCategoryAsync($"Steps {Guid.NewGuid():N}")).Id();
        var projectId = (await api.CreateProjectAsync(category, $"SL-{Guid.NewGuid():N}"[..12], inProgressCoefficient: 0.25m)).Id();
        var steps = new (string Name, string Status, string? Assignee, string? Description)[]
        {
            ("Survey", "done", "Ann Lee", null),
            ("Foundation", "in_progress", "Bob Stone", "Pour the CONCRETE slab"),
            ("Walls", "blocked", "ann lee", null),
            ("Roof", "todo", null, "Tiles and concrete gutters"),
            ("Windows", "blocked", "Carl", null),
            ("Wiring", "todo", "Annabel", null),
            ("Painting", "in_progress", null, null),
        };
        var ids = new List<Guid>();
        foreach (var (name, status, assignee, description) in steps)
        {
            var response = await api.Client.PostAsJsonAsync($"{Base}/projects/{projectId}/steps", new { name, status, assignee, description });
            ids.Add((await Http.ReadAsync<JsonElement>(response, HttpStatusCode.Created)).Id());
        }

        return (api, projectId, ids);
    }

    private static async Task<List<string>> NamesAsync(ProjectsApi api, Guid projectId, string filter) =>
        [.. (await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects/{projectId}/steps?{filter}")))
            .GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];

    [Theory]
    [InlineData("status=blocked", "Walls,Windows")]
    [InlineData("assignee=ANN", "Survey,Walls,Wiring")]
    [InlineData("assignee=%20ann%20lee%20", "Survey,Walls")]
    [InlineData("search=concrete", "Foundation,Roof")]
    [InlineData("search=WIN", "Windows")]
    [InlineData("status=todo&assignee=ann", "Wiring")]
    [InlineData("status=done&search=roof", "")]
    public async Task Filters_keep_the_project_order_and_ignore_case(string filter, string expected)
    {
        var (api, projectId, _) = await ProjectWithStepsAsync();

        var names = await NamesAsync(api, projectId, filter);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), names);
    }

    [Theory]
    [InlineData("")]
    [InlineData("status=in_progress&")]
    public async Task Pages_follow_each_other_without_duplicates_or_gaps(string filter)
    {
        var (api, projectId, stepIds) = await ProjectWithStepsAsync();
        var expected = filter.Length == 0 ? stepIds : [stepIds[1], stepIds[6]];

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync(
                $"{Base}/projects/{projectId}/steps?{filter}limit={(filter.Length == 0 ? 3 : 1)}{(cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.Id()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(expected, seen);
        Assert.Equal(filter.Length == 0 ? 3 : 2, pages);
    }

    [Fact]
    public async Task Each_step_comes_with_its_subtasks_in_order_and_its_progress_at_the_projects_coefficient()
    {
        var (api, projectId, stepIds) = await ProjectWithStepsAsync();
        await api.AddSubtaskAsync(stepIds[3], "Battens", status: "done", weight: 3);
        await api.AddSubtaskAsync(stepIds[3], "Tiles", weight: 1);

        var items = (await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects/{projectId}/steps"))).GetProperty("items");

        Assert.Equal(Enumerable.Range(0, stepIds.Count), items.EnumerateArray().Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal(0.25m, items[1].GetProperty("progress").GetDecimal()); // in progress, at the project's 0.25
        Assert.Equal(0.75m, items[3].GetProperty("progress").GetDecimal()); // 3 of 4 weight done
        Assert.Equal(["Battens", "Tiles"], items[3].GetProperty("subtasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(0, items[0].GetProperty("subtasks").GetArrayLength());
    }

    [Fact]
    public async Task A_project_without_steps_lists_none_and_an_unknown_one_answers_404()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var category = (await api.CreateCategoryAsync($"Empty {Guid.NewGuid():N}")).Id();
        var projectId = (await api.CreateProjectAsync(category, $"SE-{Guid.NewGuid():N}"[..12])).Id();

        var empty = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects/{projectId}/steps"));
        Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("nextCursor").ValueKind);

        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects/{Guid.NewGuid()}/steps"), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects/{Guid.NewGuid()}/steps?status=todo"), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
    }

    [Fact]
    public async Task A_step_is_given_to_a_manager_of_the_directory_who_must_exist_and_be_active_when_chosen()
    {
        var (api, projectId, stepIds) = await ProjectWithStepsAsync();
        var manager = (await Http.ReadAsync<JsonElement>(await api.Client.PostAsJsonAsync($"{Base}/managers", new { name = $"Foreman {Guid.NewGuid():N}"[..20] }), HttpStatusCode.Created)).Id();

        var added = await Http.ReadAsync<JsonElement>(
            await api.Client.PostAsJsonAsync($"{Base}/projects/{projectId}/steps", new { name = "Scaffolding", assignee = "Dan", assigneeManagerId = manager }), HttpStatusCode.Created);
        Assert.Equal(manager, added.GetProperty("assigneeManagerId").GetGuid());
        Assert.Equal("Dan", added.GetProperty("assignee").GetString());
        var changed = await Http.ReadAsync<JsonElement>(await api.Client.PutAsJsonAsync($"{Base}/steps/{stepIds[0]}", new { name = "Survey", status = "done", assigneeManagerId = manager }));
        Assert.Equal(manager, changed.GetProperty("assigneeManagerId").GetGuid());
        Assert.Equal(["Survey", "Scaffolding"], await NamesAsync(api, projectId, $"assigneeManagerId={manager}"));

        await Http.ExpectProblemAsync(
            await api.Client.PostAsJsonAsync($"{Base}/projects/{projectId}/steps", new { name = "Nobody's", assigneeManagerId = Guid.NewGuid() }), HttpStatusCode.NotFound, "ERR_PROJECTS_MANAGER_NOT_FOUND");
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/managers/{manager}", new { name = "Foreman (left)", isActive = false }), HttpStatusCode.OK);
        await Http.ExpectProblemAsync(
            await api.Client.PutAsJsonAsync($"{Base}/steps/{stepIds[1]}", new { name = "Foundation", assigneeManagerId = manager }), HttpStatusCode.Conflict, "ERR_PROJECTS_MANAGER_INACTIVE");

        // A step keeps a manager deactivated since; the refused change wrote nothing.
        var kept = await Http.ReadAsync<JsonElement>(await api.Client.PutAsJsonAsync($"{Base}/steps/{stepIds[0]}", new { name = "Survey (checked)", status = "done", assigneeManagerId = manager }));
        Assert.Equal(manager, kept.GetProperty("assigneeManagerId").GetGuid());
        Assert.Equal(["Survey (checked)", "Scaffolding"], await NamesAsync(api, projectId, $"assigneeManagerId={manager}"));
        var unchanged = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/steps/{stepIds[1]}"));
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("assigneeManagerId").ValueKind);
    }
}
