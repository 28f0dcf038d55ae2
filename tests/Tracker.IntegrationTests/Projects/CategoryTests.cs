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

    private sealed record CategoryDto(Guid Id, string Name);
}
