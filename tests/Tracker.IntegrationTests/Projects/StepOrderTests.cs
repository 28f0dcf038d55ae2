using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

public sealed class StepOrderTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = ProjectsApi.Base;

    private readonly TrackerApp _app = fixture.App;

    private async Task<(ProjectsApi Api, Guid ProjectId, List<Guid> Steps)> ProjectWithStepsAsync(int count)
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var category = await api.CreateCategoryAsync($"Order {Guid.NewGuid():N}");
        var project = await api.CreateProjectAsync(category.Id(), $"ORD-{Guid.NewGuid():N}"[..14]);
        var steps = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            steps.Add((await api.AddStepAsync(project.Id(), $"step {i}")).Id());
        }

        return (api, project.Id(), steps);
    }

    private static async Task<List<(Guid Id, int Position)>> PositionsAsync(ProjectsApi api, Guid projectId)
    {
        var list = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects/{projectId}/steps?limit=200"));
        return [.. list.GetProperty("items").EnumerateArray().Select(s => (s.Id(), s.GetProperty("position").GetInt32()))];
    }

    [Fact]
    public async Task Steps_take_the_order_sent_and_keep_dense_positions()
    {
        var (api, projectId, steps) = await ProjectWithStepsAsync(4);
        Guid[] order = [steps[2], steps[0], steps[3], steps[1]];

        var answer = await Http.ReadAsync<JsonElement>(await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/steps/order", new { stepIds = order }));

        Assert.Equal(order, answer.GetProperty("items").EnumerateArray().Select(s => s.Id()));
        Assert.Equal(order.Select((id, i) => (id, i)), await PositionsAsync(api, projectId));
    }

    [Fact]
    public async Task An_order_that_misses_adds_or_repeats_a_step_is_refused_and_changes_nothing()
    {
        var (api, projectId, steps) = await ProjectWithStepsAsync(3);
        var before = await PositionsAsync(api, projectId);

        foreach (var order in new[] { new[] { steps[1], steps[0] }, [steps[1], steps[0], steps[2], Guid.NewGuid()], [steps[1], steps[1], steps[2]] })
        {
            await Http.ExpectProblemAsync(await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/steps/order", new { stepIds = order }), HttpStatusCode.Conflict, "ERR_PROJECTS_ORDER_MISMATCH");
        }

        Assert.Equal(before, await PositionsAsync(api, projectId));
    }

    [Fact]
    public async Task Concurrent_reorders_and_adds_never_leave_duplicate_or_missing_positions()
    {
        var (api, projectId, steps) = await ProjectWithStepsAsync(6);
        var random = new Random(7);
        var reorders = Enumerable.Range(0, 8).Select(_ => api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/steps/order", new { stepIds = steps.OrderBy(_ => random.Next()).ToArray() }));
        var adds = Enumerable.Range(0, 8).Select(i => api.Client.PostAsJsonAsync($"{Base}/projects/{projectId}/steps", new { name = $"added {i}" }));

        var answers = await Task.WhenAll(reorders.Concat(adds));

        // A reorder that ran after an add named too few steps: refused, as it should be. Everything else succeeded.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(8, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var positions = await PositionsAsync(api, projectId);
        Assert.Equal(14, positions.Count);
        Assert.Equal(Enumerable.Range(0, 14), positions.Select(p => p.Position));
        Assert.Equal(14, positions.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task Subtasks_take_the_order_sent()
    {
        var (api, _, steps) = await ProjectWithStepsAsync(1);
        var subtasks = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            subtasks.Add((await api.AddSubtaskAsync(steps[0], $"sub {i}")).Id());
        }

        Guid[] order = [subtasks[2], subtasks[1], subtasks[0]];
        var step = await Http.ReadAsync<JsonElement>(await api.Client.PutAsJsonAsync($"{Base}/steps/{steps[0]}/subtasks/order", new { subtaskIds = order }));

        Assert.Equal(order, step.GetProperty("subtasks").EnumerateArray().Select(t => t.Id()));
        Assert.Equal([0, 1, 2], step.GetProperty("subtasks").EnumerateArray().Select(t => t.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task Many_steps_are_deleted_at_once_across_projects_closing_each_gap_and_one_unknown_id_deletes_none()
    {
        var (api, first, firstSteps) = await ProjectWithStepsAsync(3);
        var (_, second, secondSteps) = await ProjectWithStepsAsync(2);
        Guid[] doomed = [firstSteps[0], secondSteps[0]];

        var problem = await Http.ExpectProblemAsync(
            await api.Client.PostAsJsonAsync($"{Base}/steps/delete", new { ids = doomed.Append(Guid.NewGuid()) }),
            HttpStatusCode.UnprocessableEntity,
            "ERR_PROJECTS_UNKNOWN_IDS");
        Assert.Single(problem.GetProperty("unknownIds").EnumerateArray());
        Assert.Equal(3, (await PositionsAsync(api, first)).Count);

        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{Base}/steps/delete", new { ids = doomed }), HttpStatusCode.NoContent);

        Assert.Equal([(firstSteps[1], 0), (firstSteps[2], 1)], await PositionsAsync(api, first));
        Assert.Equal([(secondSteps[1], 0)], await PositionsAsync(api, second));
    }

    [Fact]
    public async Task Many_projects_are_deleted_at_once_with_their_steps()
    {
        var (api, first, steps) = await ProjectWithStepsAsync(2);
        var (_, second, _) = await ProjectWithStepsAsync(1);

        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{Base}/projects/delete", new { ids = new[] { first, second } }), HttpStatusCode.NoContent);

        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects/{first}"), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/steps/{steps[0]}"), HttpStatusCode.NotFound, "ERR_PROJECTS_STEP_NOT_FOUND");
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects/{second}"), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
    }
}
