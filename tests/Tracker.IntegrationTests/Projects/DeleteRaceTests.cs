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

            var delete = racing.DeleteAsync($"{Base}/projects/{projectId}");
            var answers = await Task.WhenAll(writes.Append(delete));

            Assert.Equal(HttpStatusCode.NoContent, (await delete).StatusCode);
            foreach (var answer in answers.Where(a => a.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent)))
            {
                Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
                var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains(problem.GetProperty("code").GetString(), new[] { "ERR_PROJECTS_PROJECT_NOT_FOUND", "ERR_PROJECTS_STEP_NOT_FOUND" });
            }

            // What was added before the delete went with the project.
            foreach (var created in answers.Where(a => a.StatusCode == HttpStatusCode.Created && a.Headers.Location is not null))
            {
                Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync(created.Headers.Location)).StatusCode);
            }

            await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects/{projectId}"), HttpStatusCode.NotFound, "ERR_PROJECTS_PROJECT_NOT_FOUND");
            await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/steps/{stepId}"), HttpStatusCode.NotFound, "ERR_PROJECTS_STEP_NOT_FOUND");
        }

        // Every project of this class is gone, so no attachment file may be left behind either.
        var stored = Path.Combine(_app.Database.DataDirectory, "projects", "attachments");
        Assert.DoesNotContain(Directory.EnumerateFiles(stored, "*", SearchOption.AllDirectories), path => Path.GetFileName(Path.GetDirectoryName(path)) != "incoming");
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

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string owner)
    {
        var content = new ByteArrayContent("race"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return client.PostAsync($"{Base}/attachments?{owner}&fileName=race.txt", content);
    }
}
