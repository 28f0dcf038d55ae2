using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>
/// Writes that add to a project, a step or a category while it is being deleted. Whichever commits first wins; the
/// other answers as if it had come after (404, or 409 for a category still in use), never with a 500.
/// </summary>
public sealed class DeleteRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = ProjectsApi.Base;
    private const int Rounds = 8;

    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Adds_to_a_project_racing_its_delete_answer_created_or_not_found()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        using var racing = await _app.AdminUnfollowedAsync(); // what it creates may be gone before a follow-up GET
        var category = await api.CreateCategoryAsync($"Race {Guid.NewGuid():N}");
        for (var round = 0; round < Rounds; round++)
        {
            var project = await api.CreateProjectAsync(category.Id(), $"RACE-{Guid.NewGuid():N}"[..14]);
            var projectId = project.Id();
            var stepId = (await api.AddStepAsync(projectId, "kept")).Id();

            var writes = new List<Task<HttpResponseMessage>>();
            for (var i = 0; i < 3; i++)
            {
                writes.Add(racing.PostAsJsonAsync($"{Base}/projects/{projectId}/steps", new { name = $"added {i}" }));
                writes.Add(racing.PostAsJsonAsync($"{Base}/steps/{stepId}/subtasks", new { name = $"sub {i}" }));
                writes.Add(racing.PostAsJsonAsync($"{Base}/steps/{stepId}/comments", new { text = $"comment {i}" }));
                writes.Add(UploadAsync(racing, $"projectId={projectId}"));
                writes.Add(UploadAsync(racing, $"stepId={stepId}"));
                writes.Add(racing.PutAsJsonAsync($"{Base}/projects/{projectId}/characteristics", new { items = new[] { new { parameter = "Length", value = $"{i}", unit = "m" } } }));
            }

            await RaceAsync(api, writes, racing.DeleteAsync($"{Base}/projects/{projectId}"), (HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND"), (HttpStatusCode.NotFound, "ERR_PROJECTS_STEP_NOT_FOUND"));
            await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects/{projectId}"), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
            await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/steps/{stepId}"), HttpStatusCode.NotFound, "ERR_PROJECTS_STEP_NOT_FOUND");
        }

        AssertNoAttachmentFileLeft();
    }

    [Fact]
    public async Task Changes_to_a_step_racing_its_delete_answer_done_or_not_found_and_the_project_keeps_its_sums()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        using var racing = await _app.AdminUnfollowedAsync();
        var category = await api.CreateCategoryAsync($"Race {Guid.NewGuid():N}");
        for (var round = 0; round < Rounds; round++)
        {
            var projectId = (await api.CreateProjectAsync(category.Id(), $"RACS-{Guid.NewGuid():N}"[..14], inProgressCoefficient: 0.5m)).Id();
            await api.AddStepAsync(projectId, "stays", status: "in_progress", weight: 2);
            var stepId = (await api.AddStepAsync(projectId, "goes", status: "done", weight: 3)).Id();
            var subtaskId = (await api.AddSubtaskAsync(stepId, "first")).Id();

            var writes = new List<Task<HttpResponseMessage>>();
            for (var i = 0; i < 3; i++)
            {
                writes.Add(racing.PostAsJsonAsync($"{Base}/steps/{stepId}/subtasks", new { name = $"sub {i}" }));
                writes.Add(racing.PostAsJsonAsync($"{Base}/steps/{stepId}/comments", new { text = $"comment {i}" }));
                writes.Add(UploadAsync(racing, $"stepId={stepId}"));
                writes.Add(racing.PutAsJsonAsync($"{Base}/steps/{stepId}/status", new { status = i % 2 == 0 ? "todo" : "blocked" }));
                writes.Add(racing.PutAsJsonAsync($"{Base}/subtasks/{subtaskId}/status", new { status = i % 2 == 0 ? "done" : "in_progress" }));
            }

            // Fifteen writes to one step: a status change without If-Match that loses to the others at every attempt
            // asks to be sent again (409), which is what a client that lost such a burst is told.
            await RaceAsync(
                api,
                writes,
                racing.DeleteAsync($"{Base}/steps/{stepId}"),
                (HttpStatusCode.NotFound, "ERR_PROJECTS_STEP_NOT_FOUND"),
                (HttpStatusCode.NotFound, "ERR_PROJECTS_SUBTASK_NOT_FOUND"),
                (HttpStatusCode.Conflict, "ERR_CONCURRENT_CHANGES"));

            // Whatever the order, the project is counted from the step that stays: in progress at 0.5.
            var project = await api.ProjectAsync(projectId);
            Assert.Equal(1, project.GetProperty("stepCount").GetInt32());
            Assert.Equal(0.5m, project.GetProperty("progress").GetDecimal());
            await Http.ExpectAsync(await api.Client.DeleteAsync($"{Base}/projects/{projectId}"), HttpStatusCode.NoContent);
        }

        AssertNoAttachmentFileLeft();
    }

    [Fact]
    public async Task Projects_created_in_a_category_racing_its_delete_either_keep_it_or_are_refused()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        for (var round = 0; round < Rounds; round++)
        {
            var categoryId = (await api.CreateCategoryAsync($"Race {Guid.NewGuid():N}")).Id();
            var creates = Enumerable.Range(0, 4).Select(_ => api.Client.PostAsJsonAsync($"{Base}/projects", new { categoryId, code = $"RC-{Guid.NewGuid():N}"[..14], name = "Raced" })).ToList();
            var delete = api.Client.DeleteAsync($"{Base}/categories/{categoryId}");
            var answers = await Task.WhenAll(creates);
            var deleted = await delete;

            var created = 0;
            foreach (var answer in answers)
            {
                if (answer.StatusCode == HttpStatusCode.Created)
                {
                    created++;
                }
                else
                {
                    await Http.ExpectProblemAsync(answer, HttpStatusCode.NotFound, "ERR_PROJECTS_CATEGORY_NOT_FOUND");
                }
            }

            var category = await api.Client.GetAsync($"{Base}/categories/{categoryId}");
            if (deleted.StatusCode == HttpStatusCode.NoContent)
            {
                Assert.Equal(0, created);
                await Http.ExpectProblemAsync(category, HttpStatusCode.NotFound, "ERR_PROJECTS_CATEGORY_NOT_FOUND");
            }
            else
            {
                await Http.ExpectProblemAsync(deleted, HttpStatusCode.Conflict, "ERR_PROJECTS_CATEGORY_NOT_EMPTY");
                Assert.True(created > 0);
                Assert.Equal(HttpStatusCode.OK, category.StatusCode);
            }
        }
    }

    /// <summary>
    /// Runs the writes and the delete at once: the delete must succeed, every write either succeed or answer one of
    /// <paramref name="refusals"/>, and whatever a write created must be gone with the deleted row.
    /// </summary>
    private static async Task RaceAsync(ProjectsApi api, List<Task<HttpResponseMessage>> writes, Task<HttpResponseMessage> delete, params (HttpStatusCode Status, string Code)[] refusals)
    {
        var answers = await Task.WhenAll(writes.Append(delete));

        Assert.Equal(HttpStatusCode.NoContent, (await delete).StatusCode);
        foreach (var answer in answers.Where(a => a.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent)))
        {
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            var refusal = (answer.StatusCode, problem.GetProperty("code").GetString()!);
            Assert.True(refusals.Contains(refusal), $"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri} answered {(int)answer.StatusCode}: {problem}");
        }

        foreach (var created in answers.Where(a => a.StatusCode == HttpStatusCode.Created && a.Headers.Location is not null))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync(created.Headers.Location)).StatusCode);
        }
    }

    /// <summary>Every project a test of this class made is deleted by its end, so no attachment file may be left behind.</summary>
    private void AssertNoAttachmentFileLeft()
    {
        var stored = Path.Combine(_app.Database.DataDirectory, "projects", "attachments");
        Assert.DoesNotContain(Directory.EnumerateFiles(stored, "*", SearchOption.AllDirectories), path => Path.GetFileName(Path.GetDirectoryName(path)) != "incoming");
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string owner)
    {
        var content = new ByteArrayContent("race"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return client.PostAsync($"{Base}/attachments?{owner}&fileName=race.txt", content);
    }
}
