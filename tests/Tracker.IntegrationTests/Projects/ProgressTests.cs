using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Persistence;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.IntegrationTests.Projects;

/// <summary>The progress rule through HTTP: on every read of a project, and explained by its breakdown.</summary>
public sealed class ProgressTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    private async Task<(ProjectsApi Api, Guid CategoryId)> SetUpAsync()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        return (api, (await api.CreateCategoryAsync($"Progress {Guid.NewGuid():N}")).Id());
    }

    [Fact]
    public async Task A_project_without_steps_is_at_zero()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"P0-{Guid.NewGuid():N}"[..12]);

        Assert.Equal(0m, await api.ProgressAsync(project.Id()));
    }

    [Theory]
    [InlineData(0.5, 0.375)]
    [InlineData(0, 0.25)]
    [InlineData(1, 0.5)]
    public async Task Steps_without_subtasks_count_by_status_weighted_with_in_progress_at_the_coefficient(decimal coefficient, decimal expected)
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PS-{Guid.NewGuid():N}"[..12], coefficient);
        await api.AddStepAsync(project.Id(), "done", "done", 1);
        await api.AddStepAsync(project.Id(), "in progress", "in_progress", 1);
        await api.AddStepAsync(project.Id(), "to do", "todo", 1);
        await api.AddStepAsync(project.Id(), "blocked", "blocked", 1);

        // (1 + coefficient + 0 + 0) / 4
        Assert.Equal(expected, await api.ProgressAsync(project.Id()));
    }

    [Fact]
    public async Task All_blocked_is_zero_and_all_done_is_one()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PB-{Guid.NewGuid():N}"[..12]);
        var first = await api.AddStepAsync(project.Id(), "a", "blocked", 2);
        var second = await api.AddStepAsync(project.Id(), "b", "blocked", 3);
        Assert.Equal(0m, await api.ProgressAsync(project.Id()));

        foreach (var step in new[] { first, second })
        {
            await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{step.Id()}/status", new { status = "done" }), HttpStatusCode.OK);
        }

        Assert.Equal(1m, await api.ProgressAsync(project.Id()));
    }

    [Fact]
    public async Task A_step_with_subtasks_is_their_weighted_mean_whatever_its_own_status_and_the_breakdown_says_so()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PT-{Guid.NewGuid():N}"[..12], 0.5m);
        var withSubtasks = await api.AddStepAsync(project.Id(), "with subtasks", "todo", 3);
        await api.AddSubtaskAsync(withSubtasks.Id(), "done", "done", 3);
        await api.AddSubtaskAsync(withSubtasks.Id(), "half", "in_progress", 2);
        await api.AddSubtaskAsync(withSubtasks.Id(), "not yet", "todo", 5);
        await api.AddStepAsync(project.Id(), "plain", "done", 1);

        // Step: (3*1 + 2*0.5 + 5*0) / 10 = 0.4. Project: (3*0.4 + 1*1) / 4 = 0.55.
        Assert.Equal(0.55m, await api.ProgressAsync(project.Id()));
        var breakdown = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects/{project.Id()}/progress"));
        Assert.Equal(0.55m, breakdown.GetProperty("progress").GetDecimal());
        var steps = breakdown.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(("subtasks", 0.4m, 3), (steps[0].GetProperty("countedBy").GetString(), steps[0].GetProperty("progress").GetDecimal(), steps[0].GetProperty("subtasks").GetArrayLength()));
        Assert.Equal(("status", 1m), (steps[1].GetProperty("countedBy").GetString(), steps[1].GetProperty("progress").GetDecimal()));
        var step = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/steps/{withSubtasks.Id()}"));
        Assert.Equal(0.4m, step.GetProperty("progress").GetDecimal());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_weight_that_is_not_above_zero_is_refused(decimal weight)
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PW-{Guid.NewGuid():N}"[..12]);

        var problem = await Http.ExpectProblemAsync(
            await api.Client.PostAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}/steps", new { name = "weightless", weight }),
            HttpStatusCode.BadRequest,
            "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty("weight", out _));
        Assert.Equal(0, (await api.ProjectAsync(project.Id())).GetProperty("stepCount").GetInt32());
    }

    [Fact]
    public async Task Changed_and_deleted_subtasks_count_at_once_even_when_changed_concurrently()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PC-{Guid.NewGuid():N}"[..12], inProgressCoefficient: 0.5m);
        var step = await api.AddStepAsync(project.Id(), "Walls");
        var subtasks = new List<JsonElement>();
        for (var i = 0; i < 8; i++)
        {
            subtasks.Add(await api.AddSubtaskAsync(step.Id(), $"Wall {i}"));
        }

        // Eight changes to one step's subtasks at once: every one of them counts in the project's progress.
        await Task.WhenAll(subtasks.Select((t, i) => api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/subtasks/{t.Id()}/status", new { status = i < 6 ? "done" : "in_progress" })));
        Assert.Equal(0.875m, await api.ProgressAsync(project.Id())); // (6 + 2 * 0.5) / 8

        var changed = await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/subtasks/{subtasks[6].Id()}", new { name = "Wall 6 (big)", status = "todo", weight = 9 });
        Assert.Equal(9m, (await Http.ReadAsync<JsonElement>(changed)).GetProperty("weight").GetDecimal());
        Assert.Equal(0.4063m, await api.ProgressAsync(project.Id())); // (6 + 0.5) / (6 + 9 + 1)

        await Http.ExpectAsync(await api.Client.DeleteAsync($"{ProjectsApi.Base}/subtasks/{subtasks[6].Id()}"), HttpStatusCode.NoContent);
        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{ProjectsApi.Base}/subtasks/delete", new { ids = new[] { subtasks[0].Id(), subtasks[7].Id() } }), HttpStatusCode.NoContent);
        Assert.Equal(1m, await api.ProgressAsync(project.Id())); // five done of weight 1

        var breakdown = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects/{project.Id()}/progress"));
        Assert.Equal(1m, breakdown.GetProperty("progress").GetDecimal());
        var listed = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects?categoryId={category}"));
        Assert.Equal(1m, listed.GetProperty("items")[0].GetProperty("progress").GetDecimal());
    }

    [Fact]
    public async Task Concurrent_changes_to_different_steps_all_count_and_every_read_agrees()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PK-{Guid.NewGuid():N}"[..12], inProgressCoefficient: 0.5m);
        var steps = new List<JsonElement>();
        for (var i = 0; i < 10; i++)
        {
            steps.Add(await api.AddStepAsync(project.Id(), $"Step {i}", weight: i + 1));
        }

        // Ten status changes and two new steps at once, on one project: each write counts the project again.
        var statuses = new[] { "done", "in_progress", "blocked" };
        await Task.WhenAll(steps
            .Select((step, i) => api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{step.Id()}/status", new { status = statuses[i % 3] }))
            .Concat(Enumerable.Range(0, 2).Select(i => api.Client.PostAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}/steps", new { name = $"Late {i}", status = "done", weight = 1 })))
            .Select(async sent =>
            {
                var response = await sent;
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }));

        // done: weights 1, 4, 7, 10 and the two late steps; in progress: 2, 5, 8 at half; of 55 + 2.
        var expected = Math.Round((22m + 2m + 0.5m * 15m) / 57m, 4);
        Assert.Equal(expected, await api.ProgressAsync(project.Id()));
        var breakdown = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects/{project.Id()}/progress"));
        Assert.Equal(expected, breakdown.GetProperty("progress").GetDecimal());
        var listed = (await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects?categoryId={category}"))).GetProperty("items")[0];
        Assert.Equal(expected, listed.GetProperty("progress").GetDecimal());
        Assert.Equal(12, listed.GetProperty("stepCount").GetInt32());
    }

    [Fact]
    public async Task A_new_coefficient_counts_in_the_list_at_once()
    {
        var (api, category) = await SetUpAsync();
        var code = $"PQ-{Guid.NewGuid():N}"[..12];
        var project = await api.CreateProjectAsync(category, code, inProgressCoefficient: 0.5m);
        await api.AddStepAsync(project.Id(), "a", "in_progress", 1);
        await api.AddStepAsync(project.Id(), "b", "todo", 1);
        Assert.Equal(0.25m, await ListedProgressAsync(api, category));

        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}", new { categoryId = category, code, name = "renamed", inProgressCoefficient = 0.8m }), HttpStatusCode.OK);

        Assert.Equal(0.4m, await ListedProgressAsync(api, category));
        Assert.Equal(0.4m, await api.ProgressAsync(project.Id()));
    }

    [Fact]
    public async Task New_coefficients_amid_status_changes_leave_the_kept_progress_equal_to_the_breakdown()
    {
        var (api, category) = await SetUpAsync();
        var code = $"PR-{Guid.NewGuid():N}"[..12];
        var project = await api.CreateProjectAsync(category, code, inProgressCoefficient: 0.5m);
        var steps = new List<JsonElement>();
        for (var i = 0; i < 12; i++)
        {
            steps.Add(await api.AddStepAsync(project.Id(), $"Step {i}", weight: i + 1));
        }

        // Status changes and new coefficients at once, on one project: whichever order they land in, the reads agree.
        var writes = steps.Select((step, i) => api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{step.Id()}/status", new { status = i % 4 == 0 ? "done" : "in_progress" }))
            .Concat(new[] { 0.2m, 0.7m, 0.9m }.Select(c => api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}", new { categoryId = category, code, name = $"at {c}", inProgressCoefficient = c })));
        await Task.WhenAll(writes.Select(async sent =>
        {
            var response = await sent;
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }));

        var breakdown = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects/{project.Id()}/progress"));
        var coefficient = breakdown.GetProperty("inProgressCoefficient").GetDecimal();
        // done: weights 1, 5, 9 of 78; the rest in progress.
        Assert.Equal(Math.Round((15m + coefficient * 63m) / 78m, 4), breakdown.GetProperty("progress").GetDecimal());
        Assert.Equal(breakdown.GetProperty("progress").GetDecimal(), await ListedProgressAsync(api, category));
        Assert.Equal(breakdown.GetProperty("progress").GetDecimal(), await api.ProgressAsync(project.Id()));
    }

    [Fact]
    public async Task Every_kind_of_write_at_once_leaves_the_kept_progress_equal_to_the_breakdown()
    {
        var (api, category) = await SetUpAsync();
        var code = $"PX-{Guid.NewGuid():N}"[..12];
        var project = await api.CreateProjectAsync(category, code, inProgressCoefficient: 0.5m);
        var steps = new List<JsonElement>();
        var subtasks = new List<JsonElement>();
        for (var i = 0; i < 8; i++)
        {
            var step = await api.AddStepAsync(project.Id(), $"Step {i}", weight: i + 1);
            steps.Add(step);
            if (i % 2 == 0)
            {
                subtasks.Add(await api.AddSubtaskAsync(step.Id(), $"Part {i}a", weight: 2));
                subtasks.Add(await api.AddSubtaskAsync(step.Id(), $"Part {i}b"));
            }
        }

        // Step statuses, subtask statuses, a subtask and a step deleted, steps added, a weight and two coefficients
        // changed, all at once on one project: none may fail, and the kept sums must come out as a count from the rows.
        var client = api.Client;
        var writes = new List<Task<HttpResponseMessage>>();
        writes.AddRange(steps.Take(6).Select((step, i) => client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{step.Id()}/status", new { status = i % 3 == 0 ? "done" : "in_progress" })));
        writes.AddRange(subtasks.Skip(1).Select(t => client.PutAsJsonAsync($"{ProjectsApi.Base}/subtasks/{t.Id()}/status", new { status = "done" })));
        writes.Add(client.DeleteAsync($"{ProjectsApi.Base}/subtasks/{subtasks[0].Id()}"));
        writes.Add(client.DeleteAsync($"{ProjectsApi.Base}/steps/{steps[7].Id()}"));
        writes.AddRange(Enumerable.Range(0, 2).Select(i => client.PostAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}/steps", new { name = $"Late {i}", status = "in_progress", weight = 3 })));
        writes.Add(client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{steps[6].Id()}", new { name = "Step 6", status = "done", weight = 10 }));
        writes.AddRange(new[] { 0.3m, 0.8m }.Select(c => client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}", new { categoryId = category, code, name = $"at {c}", inProgressCoefficient = c })));
        foreach (var response in await Task.WhenAll(writes))
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var breakdown = await Http.ReadAsync<JsonElement>(await client.GetAsync($"{ProjectsApi.Base}/projects/{project.Id()}/progress"));
        var listed = (await Http.ReadAsync<JsonElement>(await client.GetAsync($"{ProjectsApi.Base}/projects?categoryId={category}"))).GetProperty("items")[0];
        Assert.Equal(breakdown.GetProperty("progress").GetDecimal(), listed.GetProperty("progress").GetDecimal());
        Assert.Equal(breakdown.GetProperty("steps").GetArrayLength(), listed.GetProperty("stepCount").GetInt32());
        Assert.Equal(9, listed.GetProperty("stepCount").GetInt32()); // 8 - 1 + 2
    }

    [Fact]
    public async Task A_step_change_saved_after_a_new_coefficient_was_counted_counts_at_the_new_one()
    {
        var (api, category) = await SetUpAsync();
        var code = $"PN-{Guid.NewGuid():N}"[..12];
        var project = await api.CreateProjectAsync(category, code, inProgressCoefficient: 0.5m);
        var step = await api.AddStepAsync(project.Id(), "a");
        await api.AddStepAsync(project.Id(), "b");

        await _app.InScopeAsync(async sp =>
        {
            // This write reads the step and the coefficient 0.5, then another one sets 0.9 and commits before it saves.
            var db = sp.GetRequiredService<ProjectsDbContext>();
            var read = await db.Steps.SingleAsync(s => s.Id == step.Id());
            db.CoefficientsRead[read.ProjectId] = 0.5m;
            read.SetStatus(WorkStatus.in_progress, DateTimeOffset.UtcNow);
            await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}", new { categoryId = category, code, name = "n", inProgressCoefficient = 0.9m }), HttpStatusCode.OK);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(0.45m, await ListedProgressAsync(api, category)); // (0.9 + 0) / 2
    }

    [Fact]
    public async Task A_status_change_saved_after_a_new_coefficient_was_counted_counts_at_the_new_one()
    {
        var (api, category) = await SetUpAsync();
        var code = $"PS-{Guid.NewGuid():N}"[..12];
        var project = await api.CreateProjectAsync(category, code, inProgressCoefficient: 0.5m);
        var step = await api.AddStepAsync(project.Id(), "a");
        await api.AddStepAsync(project.Id(), "b", "done");

        var saved = await _app.InScopeAsync(async sp =>
        {
            // The status path (one statement on PostgreSQL) reads the step and the coefficient 0.5; another write
            // sets 0.9 and commits before this one saves, so its move lands on no row at 0.5 and must follow.
            var db = sp.GetRequiredService<ProjectsDbContext>();
            var read = await db.Steps.SingleAsync(s => s.Id == step.Id());
            await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}", new { categoryId = category, code, name = "n", inProgressCoefficient = 0.9m }), HttpStatusCode.OK);
            return await db.ChangeStatusAsync(read, WorkStatus.in_progress, 0.5m, DateTimeOffset.UtcNow, CancellationToken.None);
        });

        Assert.True(saved);
        Assert.Equal(0.95m, await ListedProgressAsync(api, category)); // (0.9 + 1) / 2
        var breakdown = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects/{project.Id()}/progress"));
        Assert.Equal(0.95m, breakdown.GetProperty("progress").GetDecimal());
    }

    [Fact]
    public async Task A_status_change_to_a_step_changed_since_it_was_read_writes_nothing()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PV-{Guid.NewGuid():N}"[..12]);
        var step = await api.AddStepAsync(project.Id(), "a");

        var saved = await _app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ProjectsDbContext>();
            var read = await db.Steps.SingleAsync(s => s.Id == step.Id());
            await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{step.Id()}/status", new { status = "blocked" }), HttpStatusCode.OK);
            return await db.ChangeStatusAsync(read, WorkStatus.done, 0.5m, DateTimeOffset.UtcNow, CancellationToken.None);
        });

        Assert.False(saved);
        var stored = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/steps/{step.Id()}"));
        Assert.Equal("blocked", stored.GetProperty("status").GetString());
        Assert.Equal(0m, await ListedProgressAsync(api, category));
    }

    [Fact]
    public async Task A_project_made_before_progress_was_kept_is_counted_at_start_up()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PM-{Guid.NewGuid():N}"[..12]);
        await api.AddStepAsync(project.Id(), "a", "done", 3);
        await api.AddStepAsync(project.Id(), "b", "todo", 1);
        await _app.InScopeAsync(sp => sp.GetRequiredService<ProjectsDbContext>().KeptProgress.Where(k => k.ProjectId == project.Id()).ExecuteDeleteAsync());
        Assert.Equal(0m, await ListedProgressAsync(api, category));

        await _app.InScopeAsync(async sp =>
        {
            await sp.GetServices<IStartupTask>().OfType<KeptProgressBackfill>().Single().RunAsync(CancellationToken.None);
            return true;
        });

        Assert.Equal(0.75m, await ListedProgressAsync(api, category));
    }

    private static async Task<decimal> ListedProgressAsync(ProjectsApi api, Guid category) =>
        (await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{ProjectsApi.Base}/projects?categoryId={category}")))
            .GetProperty("items")[0].GetProperty("progress").GetDecimal();

    [Fact]
    public async Task A_subtask_change_gives_its_step_a_new_etag_so_a_cached_copy_is_not_reused()
    {
        var (api, category) = await SetUpAsync();
        var project = await api.CreateProjectAsync(category, $"PE-{Guid.NewGuid():N}"[..12]);
        var step = await api.AddStepAsync(project.Id(), "Roof");
        var subtask = await api.AddSubtaskAsync(step.Id(), "Tiles");
        var first = await api.Client.GetAsync($"{ProjectsApi.Base}/steps/{step.Id()}");
        var etag = first.Headers.ETag!;

        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/subtasks/{subtask.Id()}/status", new { status = "done" }), HttpStatusCode.OK);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{ProjectsApi.Base}/steps/{step.Id()}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await api.Client.SendAsync(conditional);
        var current = await Http.ReadAsync<JsonElement>(second);
        Assert.NotEqual(etag, second.Headers.ETag);
        Assert.Equal(1m, current.GetProperty("progress").GetDecimal());
    }

    [Fact]
    public async Task A_step_change_gives_its_project_a_new_etag_yet_if_match_on_the_project_still_holds()
    {
        var (api, category) = await SetUpAsync();
        var code = $"PS-{Guid.NewGuid():N}"[..12];
        var project = await api.CreateProjectAsync(category, code);
        var step = await api.AddStepAsync(project.Id(), "Walls");
        var before = (await api.Client.GetAsync($"{ProjectsApi.Base}/projects/{project.Id()}")).Headers.ETag!;

        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/steps/{step.Id()}/status", new { status = "done" }), HttpStatusCode.OK);

        var cached = await GetIfNoneMatchAsync(api, $"/projects/{project.Id()}", before);
        Assert.Equal(1m, (await Http.ReadAsync<JsonElement>(cached)).GetProperty("progress").GetDecimal());
        Assert.NotEqual(before, cached.Headers.ETag);

        // The project's own fields did not change: a write made against the tag read before the step's change goes through.
        using var rename = new HttpRequestMessage(HttpMethod.Put, $"{ProjectsApi.Base}/projects/{project.Id()}")
        {
            Content = JsonContent.Create(new { categoryId = category, code, name = "Renamed" }),
        };
        rename.Headers.IfMatch.Add(before);
        var renamed = await Http.ReadAsync<JsonElement>(await api.Client.SendAsync(rename));
        Assert.Equal("Renamed", renamed.GetProperty("name").GetString());
        Assert.Equal(1m, renamed.GetProperty("progress").GetDecimal());
    }

    [Fact]
    public async Task A_coefficient_change_or_a_reorder_gives_the_steps_a_new_etag()
    {
        var (api, category) = await SetUpAsync();
        var code = $"PC-{Guid.NewGuid():N}"[..12];
        var project = await api.CreateProjectAsync(category, code, inProgressCoefficient: 0.5m);
        var first = await api.AddStepAsync(project.Id(), "Walls", status: "in_progress");
        var second = await api.AddStepAsync(project.Id(), "Roof");
        var firstTag = (await api.Client.GetAsync($"{ProjectsApi.Base}/steps/{first.Id()}")).Headers.ETag!;
        var secondTag = (await api.Client.GetAsync($"{ProjectsApi.Base}/steps/{second.Id()}")).Headers.ETag!;

        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}", new { categoryId = category, code, name = "n", inProgressCoefficient = 0.25m }), HttpStatusCode.OK);
        var recounted = await GetIfNoneMatchAsync(api, $"/steps/{first.Id()}", firstTag);
        Assert.Equal(0.25m, (await Http.ReadAsync<JsonElement>(recounted)).GetProperty("progress").GetDecimal());

        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{ProjectsApi.Base}/projects/{project.Id()}/steps/order", new { stepIds = new[] { second.Id(), first.Id() } }), HttpStatusCode.OK);
        var moved = await GetIfNoneMatchAsync(api, $"/steps/{second.Id()}", secondTag);
        Assert.Equal(0, (await Http.ReadAsync<JsonElement>(moved)).GetProperty("position").GetInt32());
    }

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(ProjectsApi api, string path, EntityTagHeaderValue tag)
    {
        using var conditional = new HttpRequestMessage(HttpMethod.Get, ProjectsApi.Base + path);
        conditional.Headers.IfNoneMatch.Add(tag);
        return await api.Client.SendAsync(conditional);
    }
}
