using System.Net;
using System.Net.Http.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.__Name__;

/// <summary>The __Name__ module's example slices through HTTP.</summary>
public sealed class __Entity__Tests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = "/api/v1/__name__/__entities__";

    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Create_answers_201_with_a_Location_that_reads_the_new_one_back()
    {
        var client = await _app.AdminAsync();

        var response = await client.PostAsJsonAsync(Base, new { name = "  First  " });

        var created = await Http.ReadAsync<__Entity__Dto>(response, HttpStatusCode.Created);
        Assert.Equal("First", created.Name);
        Assert.Equal($"{Base}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(created, await Http.ReadAsync<__Entity__Dto>(await client.GetAsync(response.Headers.Location)));
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

        await Http.ExpectProblemAsync(await client.GetAsync($"{Base}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "__NOT_FOUND_CODE__");
    }

    private sealed record __Entity__Dto(Guid Id, string Name);
}
