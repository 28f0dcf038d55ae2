using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

public sealed class CharacteristicsAndCommentsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = ProjectsApi.Base;

    private readonly TrackerApp _app = fixture.App;

    private async Task<(ProjectsApi Api, Guid ProjectId)> ProjectAsync()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var category = await api.CreateCategoryAsync($"Chars {Guid.NewGuid():N}");
        return (api, (await api.CreateProjectAsync(category.Id(), $"CH-{Guid.NewGuid():N}"[..14])).Id());
    }

    [Fact]
    public async Task Characteristics_are_replaced_as_a_whole_and_read_back_in_order()
    {
        var (api, projectId) = await ProjectAsync();
        object[] rows = [new { parameter = "Power", value = "15", unit = "kW" }, new { parameter = "Voltage", value = "380", unit = "V" }, new { parameter = "Colour", value = "RAL 5015" }];

        var saved = await Http.ReadAsync<JsonElement>(await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/characteristics", new { items = rows }));
        var shorter = await Http.ReadAsync<JsonElement>(await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/characteristics", new { items = rows[1..] }));

        Assert.Equal(["Power", "Voltage", "Colour"], saved.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("parameter").GetString()));
        var read = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects/{projectId}/characteristics"));
        Assert.Equal(shorter.GetRawText(), read.GetRawText());
        Assert.Equal([("Voltage", "V"), ("Colour", null)], read.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("parameter").GetString(), r.GetProperty("unit").GetString())));
    }

    [Fact]
    public async Task A_bad_row_names_its_place_and_changes_nothing()
    {
        var (api, projectId) = await ProjectAsync();
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/characteristics", new { items = new[] { new { parameter = "Mass", value = "12" } } }), HttpStatusCode.OK);

        var problem = await Http.ExpectProblemAsync(
            await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/characteristics", new { items = new[] { new { parameter = "Ok", value = "1" }, new { parameter = " ", value = "2" } } }),
            HttpStatusCode.BadRequest,
            "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty("items[1].parameter", out _), problem.ToString());
        var read = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects/{projectId}/characteristics"));
        Assert.Equal(["Mass"], read.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("parameter").GetString()));
    }

    [Fact]
    public async Task Anyone_signed_in_comments_on_a_step_and_the_thread_reads_oldest_first_with_its_authors()
    {
        var (api, projectId) = await ProjectAsync();
        var step = await api.AddStepAsync(projectId, "Paint");
        var worker = $"cw{Guid.NewGuid():N}"[..12];
        await _app.CreateUserAsync(worker, "worker");
        using var workerClient = await _app.SignInAsync(worker, TrackerApp.PasswordOf(worker));

        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{Base}/steps/{step.Id()}/comments", new { text = "Primer arrives Monday." }), HttpStatusCode.OK);
        await Http.ExpectAsync(await workerClient.PostAsJsonAsync($"{Base}/steps/{step.Id()}/comments", new { text = "First coat\\ndone." }), HttpStatusCode.OK);
        await Http.ExpectProblemAsync(await workerClient.PostAsJsonAsync($"{Base}/steps/{step.Id()}/comments", new { text = "   " }), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        var (texts, pages) = await Http.ReadAllPagesAsync(api.Client, $"{Base}/steps/{step.Id()}/comments?", 1, c => $"{c.GetProperty("authorName").GetString()}: {c.GetProperty("text").GetString()}");

        Assert.Equal(["admin: Primer arrives Monday.", $"{worker}: First coat\\ndone."], texts);
        Assert.Equal(2, pages);
    }
}
