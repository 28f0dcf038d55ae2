using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

public sealed class ProjectTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = ProjectsApi.Base;

    private readonly TrackerApp _app = fixture.App;

    private async Task<ProjectsApi> ApiAsync() => new(await _app.AdminAsync());

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task A_project_is_created_in_a_category_with_its_manager_and_read_back_through_its_Location()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var manager = await Http.ReadAsync<JsonElement>(await api.Client.PostAsJsonAsync($"{Base}/managers", new { name = "Anna Petrova", email = "anna@example.com" }), HttpStatusCode.Created);

        var response = await api.Client.PostAsJsonAsync($"{Base}/projects", new
        {
            categoryId = category.Id(),
            managerId = manager.Id(),
            code = Unique("HR"),
            name = "Line 4 retrofit",
            plannedStart = "2026-01-10",
            plannedEnd = "2026-06-30",
            plannedBudget = 125000.50m,
        });

        var created = await Http.ReadAsync<JsonElement>(response, HttpStatusCode.Created);
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(0m, created.GetProperty("progress").GetDecimal());
        Assert.Equal(0.5m, created.GetProperty("inProgressCoefficient").GetDecimal());
        Assert.Equal("2026-06-30", created.GetProperty("plannedEnd").GetString());
        Assert.Equal(125000.50m, created.GetProperty("plannedBudget").GetDecimal());
        Assert.Equal("\"1-0-0\"", response.Headers.ETag?.Tag); // version 1, progress 0, no steps
        var read = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync(response.Headers.Location));
        Assert.Equal(manager.Id(), read.GetProperty("managerId").GetGuid());
    }

    [Theory]
    [InlineData("{\"categoryId\":\"CAT\",\"code\":\"X1\",\"name\":\"n\",\"plannedStart\":\"2026-05-01\",\"plannedEnd\":\"2026-04-01\"}", "plannedEnd")]
    [InlineData("{\"categoryId\":\"CAT\",\"code\":\"X2\",\"name\":\"n\",\"inProgressCoefficient\":1.5}", "inProgressCoefficient")]
    [InlineData("{\"categoryId\":\"CAT\",\"code\":\"X3\",\"name\":\"n\",\"plannedBudget\":-1}", "plannedBudget")]
    [InlineData("{\"categoryId\":\"CAT\",\"code\":\"  \",\"name\":\"n\"}", "code")]
    [InlineData("{\"categoryId\":\"CAT\",\"code\":\"X4\",\"name\":\"n\",\"status\":\"active\"}", "status")]
    public async Task Bad_project_fields_answer_400_naming_the_field_and_store_nothing(string body, string field)
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        using var content = new StringContent(body.Replace("CAT", category.Id().ToString(), StringComparison.Ordinal), MediaTypeHeaderValue.Parse("application/json"));

        var problem = await Http.ExpectProblemAsync(await api.Client.PostAsync($"{Base}/projects", content), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field} named in {problem}");
        var listed = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects?categoryId={category.Id()}"));
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_project_code_is_unique_ignoring_case_and_a_reference_to_nothing_is_404()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var code = Unique("dup");
        await api.CreateProjectAsync(category.Id(), code);

        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{Base}/projects", new { categoryId = category.Id(), code = code.ToUpperInvariant(), name = "again" }), HttpStatusCode.Conflict, "ERR_PROJECTS_CODE_TAKEN");
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{Base}/projects", new { categoryId = Guid.NewGuid(), code = Unique("nc"), name = "x" }), HttpStatusCode.NotFound, "ERR_PROJECTS_CATEGORY_NOT_FOUND");
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{Base}/projects", new { categoryId = category.Id(), managerId = Guid.NewGuid(), code = Unique("nm"), name = "x" }), HttpStatusCode.NotFound, "ERR_PROJECTS_MANAGER_NOT_FOUND");
    }

    [Fact]
    public async Task A_deactivated_manager_keeps_their_projects_but_takes_no_new_one()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var manager = await Http.ReadAsync<JsonElement>(await api.Client.PostAsJsonAsync($"{Base}/managers", new { name = "Leaving Soon" }), HttpStatusCode.Created);
        var project = await api.CreateProjectAsync(category.Id(), Unique("keep"), extra: new { managerId = manager.Id() });

        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/managers/{manager.Id()}", new { name = "Leaving Soon", isActive = false }), HttpStatusCode.OK);

        Assert.Equal(manager.Id(), (await api.ProjectAsync(project.Id())).GetProperty("managerId").GetGuid());
        await Http.ExpectProblemAsync(
            await api.Client.PostAsJsonAsync($"{Base}/projects", new { categoryId = category.Id(), managerId = manager.Id(), code = Unique("new"), name = "x" }),
            HttpStatusCode.Conflict,
            "ERR_PROJECTS_MANAGER_INACTIVE");
        var inactive = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/managers?active=false&search=leaving"));
        Assert.Contains(inactive.GetProperty("items").EnumerateArray(), m => m.Id() == manager.Id());
    }

    [Fact]
    public async Task Projects_are_filtered_and_paged_by_code_without_duplicates_or_gaps()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var other = await api.CreateCategoryAsync(Unique("Other"));
        var prefix = Unique("pg").ToLowerInvariant();
        string[] codes = [$"{prefix}-e", $"{prefix}-A", $"{prefix}-d", $"{prefix}-B", $"{prefix}-c"];
        foreach (var code in codes)
        {
            await api.CreateProjectAsync(category.Id(), code);
        }

        await api.CreateProjectAsync(other.Id(), $"{prefix}-z");

        var (seen, pages) = await Http.ReadAllPagesAsync(api.Client, $"{Base}/projects?categoryId={category.Id()}&search={prefix}", 2, p => p.GetProperty("code").GetString()!);

        Assert.Equal(codes.OrderBy(c => c.ToUpperInvariant(), StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Paging_while_projects_are_created_misses_and_repeats_none_of_those_that_were_there()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Busy"));
        var prefix = Unique("pi").ToUpperInvariant();
        string[] codes = [.. Enumerable.Range(0, 7).Select(i => $"{prefix}-M{i}")];
        foreach (var code in codes)
        {
            await api.CreateProjectAsync(category.Id(), code);
        }

        // After every page, one project sorts before everything read so far and one after everything there is.
        var added = 0;
        var (seen, _) = await Http.ReadAllPagesAsync(api.Client, $"{Base}/projects?categoryId={category.Id()}", 2, p => p.GetProperty("code").GetString()!, async () =>
        {
            added++;
            await api.CreateProjectAsync(category.Id(), $"{prefix}-A{added}");
            await api.CreateProjectAsync(category.Id(), $"{prefix}-Z{added}");
        });

        // The prefix itself is hex and may contain "-A", so kinds are told apart by what follows it.
        var kinds = seen.Select(c => c[(prefix.Length + 1)..][0]).ToList();
        Assert.Equal(seen.Order(StringComparer.Ordinal).Distinct(), seen); // in order, none twice
        Assert.Equal(codes, seen.Where((_, i) => kinds[i] == 'M'));
        Assert.DoesNotContain('A', kinds);
        Assert.Contains('Z', kinds);
    }

    [Fact]
    public async Task Overdue_projects_are_the_active_ones_past_their_planned_end_without_an_actual_end()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var late = await api.CreateProjectAsync(category.Id(), Unique("late"), extra: new { plannedEnd = "2020-01-31" });
        await api.CreateProjectAsync(category.Id(), Unique("done"), extra: new { plannedEnd = "2020-01-31", actualEnd = "2020-01-30" });
        await api.CreateProjectAsync(category.Id(), Unique("future"), extra: new { plannedEnd = "2999-12-31" });

        var overdue = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects?categoryId={category.Id()}&overdue=true"));

        Assert.Equal([late.Id()], overdue.GetProperty("items").EnumerateArray().Select(p => p.Id()));
    }

    [Theory]
    [InlineData("plannedStartFrom=2026-02-01", "feb-mar,mar-jun")]
    [InlineData("plannedStartTo=2026-02-01", "jan-feb,feb-mar")]
    [InlineData("plannedStartFrom=2026-01-02&plannedStartTo=2026-02-28", "feb-mar")]
    [InlineData("plannedEndFrom=2026-03-31", "feb-mar,mar-jun")]
    [InlineData("plannedEndTo=2026-03-30", "jan-feb")]
    [InlineData("plannedStartFrom=2026-01-01&plannedEndTo=2026-03-31", "jan-feb,feb-mar")]
    public async Task Planned_date_ranges_keep_the_projects_planned_within_them_bounds_included(string filter, string expected)
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var planned = new (string Name, string Start, string End)[]
        {
            ("jan-feb", "2026-01-01", "2026-02-28"), ("feb-mar", "2026-02-01", "2026-03-31"), ("mar-jun", "2026-03-01", "2026-06-30"),
        };
        foreach (var (name, start, end) in planned)
        {
            await api.CreateProjectAsync(category.Id(), Unique(name), extra: new { name, plannedStart = start, plannedEnd = end });
        }

        await api.CreateProjectAsync(category.Id(), Unique("undated"));

        var page = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects?categoryId={category.Id()}&sort=plannedEnd&{filter}"));

        Assert.Equal(expected.Split(','), page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("plannedStartFrom=2026-03-01&plannedStartTo=2026-02-01", "plannedStartTo")]
    [InlineData("plannedEndFrom=2026-03-01&plannedEndTo=2026-02-01", "plannedEndTo")]
    public async Task A_planned_date_range_that_ends_before_it_starts_is_a_field_error(string filter, string field)
    {
        var api = await ApiAsync();

        var problem = await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects?{filter}"), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_category_with_projects_cannot_be_deleted_and_an_empty_one_can()
    {
        var api = await ApiAsync();
        var busy = await api.CreateCategoryAsync(Unique("Busy"));
        var empty = await api.CreateCategoryAsync(Unique("Empty"));
        await api.CreateProjectAsync(busy.Id(), Unique("p"));

        await Http.ExpectProblemAsync(await api.Client.DeleteAsync($"{Base}/categories/{busy.Id()}"), HttpStatusCode.Conflict, "ERR_PROJECTS_CATEGORY_NOT_EMPTY");
        await Http.ExpectAsync(await api.Client.DeleteAsync($"{Base}/categories/{empty.Id()}"), HttpStatusCode.NoContent);
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/categories/{empty.Id()}"), HttpStatusCode.NotFound, "ERR_PROJECTS_CATEGORY_NOT_FOUND");
    }

    [Fact]
    public async Task A_worker_reads_and_sets_step_status_but_cannot_create_or_delete()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var project = await api.CreateProjectAsync(category.Id(), Unique("w"));
        var step = await api.AddStepAsync(project.Id(), "Assemble");
        var username = Unique("worker").ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal);
        await _app.CreateUserAsync(username, "worker");
        using var worker = await _app.SignInAsync(username, TrackerApp.PasswordOf(username));

        await Http.ExpectAsync(await worker.GetAsync($"{Base}/projects/{project.Id()}"), HttpStatusCode.OK);
        var moved = await Http.ReadAsync<JsonElement>(await worker.PutAsJsonAsync($"{Base}/steps/{step.Id()}/status", new { status = "in_progress" }));
        Assert.Equal("in_progress", moved.GetProperty("status").GetString());
        await Http.ExpectProblemAsync(await worker.PostAsJsonAsync($"{Base}/projects", new { categoryId = category.Id(), code = Unique("no"), name = "x" }), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await Http.ExpectProblemAsync(await worker.DeleteAsync($"{Base}/steps/{step.Id()}"), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
    }

    [Fact]
    public async Task A_stale_If_Match_on_a_step_answers_412_with_the_current_step_and_changes_nothing()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var project = await api.CreateProjectAsync(category.Id(), Unique("etag"));
        var step = await api.AddStepAsync(project.Id(), "Weld");
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/steps/{step.Id()}/status", new { status = "blocked" }), HttpStatusCode.OK);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{Base}/steps/{step.Id()}/status") { Content = JsonContent.Create(new { status = "done" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var problem = await Http.ExpectProblemAsync(await api.Client.SendAsync(stale), HttpStatusCode.PreconditionFailed, "ERR_VERSION_MISMATCH");

        Assert.Equal("blocked", problem.GetProperty("current").GetProperty("status").GetString());
        var read = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/steps/{step.Id()}"));
        Assert.Equal("blocked", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deleting_a_step_closes_the_gap_in_the_positions()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var project = await api.CreateProjectAsync(category.Id(), Unique("pos"));
        var steps = new List<JsonElement>();
        foreach (var name in new[] { "one", "two", "three", "four" })
        {
            steps.Add(await api.AddStepAsync(project.Id(), name));
        }

        Assert.Equal([0, 1, 2, 3], steps.Select(s => s.GetProperty("position").GetInt32()));
        await Http.ExpectAsync(await api.Client.DeleteAsync($"{Base}/steps/{steps[1].Id()}"), HttpStatusCode.NoContent);

        var listed = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects/{project.Id()}/steps"));
        Assert.Equal([("one", 0), ("three", 1), ("four", 2)], listed.GetProperty("items").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("position").GetInt32())));
    }

    [Fact]
    public async Task Many_projects_are_archived_at_once_and_one_unknown_id_changes_none()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Cat"));
        var first = await api.CreateProjectAsync(category.Id(), Unique("b1"));
        var second = await api.CreateProjectAsync(category.Id(), Unique("b2"));
        var unknown = Guid.NewGuid();

        var problem = await Http.ExpectProblemAsync(
            await api.Client.PutAsJsonAsync($"{Base}/projects/status", new { projectIds = new[] { first.Id(), unknown, second.Id() }, status = "archived" }),
            HttpStatusCode.UnprocessableEntity,
            "ERR_PROJECTS_UNKNOWN_IDS");
        Assert.Equal([unknown], problem.GetProperty("unknownIds").EnumerateArray().Select(i => i.GetGuid()));
        Assert.Equal("active", (await api.ProjectAsync(first.Id())).GetProperty("status").GetString());

        var changed = await Http.ReadAsync<JsonElement>(await api.Client.PutAsJsonAsync($"{Base}/projects/status", new { projectIds = new[] { first.Id(), second.Id(), first.Id() }, status = "archived" }));

        Assert.Equal(2, changed.GetProperty("items").GetArrayLength());
        var archived = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects?categoryId={category.Id()}&status=archived"));
        Assert.Equal(2, archived.GetProperty("items").GetArrayLength());
        Assert.Equal("archived", (await api.ProjectAsync(first.Id())).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Projects_sort_by_name_planned_end_or_creation_either_way_and_page_through_each_order()
    {
        var api = await ApiAsync();
        var category = await api.CreateCategoryAsync(Unique("Sort"));
        var prefix = Unique("so").ToLowerInvariant();
        (string Code, string Name, string? PlannedEnd)[] rows = [($"{prefix}-1", "Delta", "2026-05-01"), ($"{prefix}-2", "alpha", null), ($"{prefix}-3", "Charlie", "2026-02-01"), ($"{prefix}-4", "Bravo", "2026-05-01"), ($"{prefix}-5", "Echo", "2026-01-15")];
        foreach (var (code, name, plannedEnd) in rows)
        {
            await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{Base}/projects", new { categoryId = category.Id(), code, name, plannedEnd }), HttpStatusCode.Created);
        }

        async Task<List<string>> Codes(string order) =>
            (await Http.ReadAllPagesAsync(api.Client, $"{Base}/projects?categoryId={category.Id()}{order}", 2, p => p.GetProperty("code").GetString()!)).Items;

        Assert.Equal([.. rows.Select(r => r.Code)], await Codes(string.Empty));
        Assert.Equal([.. rows.Select(r => r.Code).Reverse()], await Codes("&descending=true"));
        Assert.Equal(5, (await Codes("&sort=name")).Distinct().Count());
        // Ends 2026-01-15, 2026-02-01, then the two of 2026-05-01 by code, then none.
        Assert.Equal([$"{prefix}-5", $"{prefix}-3", $"{prefix}-1", $"{prefix}-4", $"{prefix}-2"], await Codes("&sort=plannedEnd"));
        Assert.Equal([$"{prefix}-2", $"{prefix}-4", $"{prefix}-1", $"{prefix}-3", $"{prefix}-5"], await Codes("&sort=plannedEnd&descending=true"));
        Assert.Equal([.. rows.Select(r => r.Code)], await Codes("&sort=createdAt"));

        var firstByName = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/projects?categoryId={category.Id()}&sort=name&limit=2"));
        var cursor = firstByName.GetProperty("nextCursor").GetString();
        var problem = await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/projects?categoryId={category.Id()}&sort=code&limit=2&cursor={cursor}"), HttpStatusCode.BadRequest, "ERR_VALIDATION");
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }
}
