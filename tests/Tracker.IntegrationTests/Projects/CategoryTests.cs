using System.Net;
using System.Net.Http.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>The Projects module's example slices through HTTP.</summary>
public sealed class CategoryTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = "/api/v1/projects/categories";

    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Create_answers_201_with_a_Location_that_reads_the_new_one_back()
    {
        var client = await _app.AdminAsync();

        var response = await client.PostAsJsonAsync(Base, new { name = "  First  " });

        var created = await Http.ReadAsync<CategoryDto>(response, HttpStatusCode.Created);
        Assert.Equal("First", created.Name);
        Assert.Equal($"{Base}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(created, await Http.ReadAsync<CategoryDto>(await client.GetAsync(response.Headers.Location)));
    }

    [Fact]
    public async Task A_blank_name_answers_400_naming_the_field()
    {
        var client = await _app.AdminAsync();

        var problem = await Http.ExpectProblemAsync(await client.PostAsJsonAsync(Base, new { name = "   " }), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task An_unknown_id_answers_404_with_the_modules_code()
    {
        var client = await _app.AdminAsync();

        await Http.ExpectProblemAsync(await client.GetAsync($"{Base}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "ERR_PROJECTS_CATEGORY_NOT_FOUND");
    }

    [Fact]
    public async Task Changes_without_If_Match_that_meet_each_other_all_apply_one_after_another()
    {
        var client = await _app.AdminAsync();
        var created = await Http.ReadAsync<CategoryDto>(await client.PostAsJsonAsync(Base, new { name = $"Busy {Guid.NewGuid():N}" }), HttpStatusCode.Created);

        // As many writers as a change has attempts: each loses at most once to every other, so all must get through.
        var answers = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => client.PutAsJsonAsync($"{Base}/{created.Id}", new { name = created.Name, sortOrder = i })));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal("\"5\"", (await client.GetAsync($"{Base}/{created.Id}")).Headers.ETag?.Tag); // created at 1, changed four times
    }

    private sealed record CategoryDto(Guid Id, string Name);
}
