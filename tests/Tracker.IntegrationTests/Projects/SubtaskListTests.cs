using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>One step's subtasks: in order, filtered by status and name, paged by cursor; deleted many at once.</summary>
public sealed class SubtaskListTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = ProjectsApi.Base;

    private readonly TrackerApp _app = fixture.App;

    private async Task<(ProjectsApi Api, Guid StepId, List<Guid> SubtaskIds)> StepWithSubtasksAsync()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var category = (await api.CreateCategoryAsync($"Subtasks {Guid.NewGuid():N}")).Id();
        var projectId = (await api.CreateProjectAsync(category, $"ST-{Guid.NewGuid():N}"[..12])).Id();
        var stepId = (await api.AddStepAsync(projectId, "Walls")).Id();
        var subtasks = new (string Name, string Status)[]
        {
            ("Order BRICKS", "done"),
            ("Lay the bricks", "in_progress"),
            ("Plaster", "blocked"),
            ("Paint", "todo"),
            ("Brick sills", "blocked"),
        };
        var ids = new List<Guid>();
        foreach (var (name, status) in subtasks)
        {
            ids.Add((await api.AddSubtaskAsync(stepId, name, status)).Id());
        }

        return (api, stepId, ids);
    }

    private static async Task<List<string>> NamesAsync(ProjectsApi api, Guid stepId, string filter) =>
        [.. (await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/steps/{stepId}/subtasks?{filter}")))
            .GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];

    [Theory]
    [InlineData("", "Order BRICKS,Lay the bricks,Plaster,Paint,Brick sills")]
    [InlineData("status=blocked", "Plaster,Brick sills")]
    [InlineData("search=brick", "Order BRICKS,Lay the bricks,Brick sills")]
    [InlineData("search=%20PAINT%20", "Paint")]
    [InlineData("status=done&search=brick", "Order BRICKS")]
    [InlineData("status=todo&search=brick", "")]
    public async Task Filters_keep_the_step_order_and_ignore_case(string filter, string expected)
    {
        var (api, stepId, _) = await StepWithSubtasksAsync();

        var names = await NamesAsync(api, stepId, filter);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), names);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_duplicates_or_gaps_after_a_reorder()
    {
        var (api, stepId, subtaskIds) = await StepWithSubtasksAsync();
        subtaskIds.Reverse();
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/steps/{stepId}/subtasks/order", new { subtaskIds }), HttpStatusCode.OK);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync(
                $"{Base}/steps/{stepId}/subtasks?limit=2{(cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")}"));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(s => s.Id()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(subtaskIds, seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("status=finished", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_filter_is_a_field_error(string filter, string field)
    {
        var (api, stepId, _) = await StepWithSubtasksAsync();

        var problem = await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/steps/{stepId}/subtasks?{filter}"), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_step_is_not_found_and_a_step_without_subtasks_is_an_empty_page()
    {
        var (api, stepId, _) = await StepWithSubtasksAsync();
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/steps/{Guid.NewGuid()}/subtasks"), HttpStatusCode.NotFound, "ERR_PROJECTS_STEP_NOT_FOUND");

        var names = await NamesAsync(api, stepId, "status=todo&search=nothing");

        Assert.Empty(names);
    }

    [Fact]
    public async Task Many_subtasks_are_deleted_at_once_and_one_unknown_id_deletes_none()
    {
        var (api, stepId, subtaskIds) = await StepWithSubtasksAsync();
        Guid[] doomed = [subtaskIds[0], subtaskIds[3]];

        var problem = await Http.ExpectProblemAsync(
            await api.Client.PostAsJsonAsync($"{Base}/subtasks/delete", new { ids = doomed.Append(Guid.NewGuid()) }),
            HttpStatusCode.UnprocessableEntity,
            "ERR_PROJECTS_UNKNOWN_IDS");
        Assert.Single(problem.GetProperty("unknownIds").EnumerateArray());
        Assert.Equal(5, (await NamesAsync(api, stepId, string.Empty)).Count);

        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{Base}/subtasks/delete", new { ids = doomed }), HttpStatusCode.NoContent);

        Assert.Equal(["Lay the bricks", "Plaster", "Brick sills"], await NamesAsync(api, stepId, string.Empty));
    }
}
