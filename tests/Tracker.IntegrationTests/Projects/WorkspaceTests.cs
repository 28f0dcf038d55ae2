using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>Its own host: the workspace is one document per database, and these tests change it.</summary>
public sealed class WorkspaceTests : IAsyncLifetime
{
    private const string Url = $"{ProjectsApi.Base}/workspace";

    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_defaults_hold_until_an_admin_saves_and_new_projects_take_its_coefficient()
    {
        var api = new ProjectsApi(await _fixture.App.AdminAsync());
        var defaults = await api.Client.GetAsync(Url);
        var settings = await Http.ReadAsync<JsonElement>(defaults);
        Assert.Equal(("RUB", 0.5m), (settings.GetProperty("currency").GetString(), settings.GetProperty("defaultInProgressCoefficient").GetDecimal()));
        Assert.Equal("\"0\"", defaults.Headers.ETag?.Tag);

        using var save = new HttpRequestMessage(HttpMethod.Put, Url)
        {
            Content = JsonContent.Create(new { name = "Plant 2", currency = "eur", locale = "en-US", defaultInProgressCoefficient = 0.25m, maxAttachmentBytes = 1048576 }),
        };
        save.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        var saved = await Http.ReadAsync<JsonElement>(await api.Client.SendAsync(save));

        Assert.Equal("EUR", saved.GetProperty("currency").GetString());
        var category = await api.CreateCategoryAsync("Workspace defaults");
        var project = await api.CreateProjectAsync(category.Id(), "WS-1");
        Assert.Equal(0.25m, project.GetProperty("inProgressCoefficient").GetDecimal());
        Assert.Equal(0.9m, (await api.CreateProjectAsync(category.Id(), "WS-2", 0.9m)).GetProperty("inProgressCoefficient").GetDecimal());
    }

    [Fact]
    public async Task Only_an_admin_changes_it_and_bad_settings_are_refused()
    {
        await _fixture.App.CreateUserAsync("wsplanner", "planner");
        using var planner = await _fixture.App.SignInAsync("wsplanner", TrackerApp.PasswordOf("wsplanner"));
        var body = new { name = "Mine", currency = "RUB", locale = "ru-RU", defaultInProgressCoefficient = 0.5m, maxAttachmentBytes = 1000 };
        await Http.ExpectProblemAsync(await planner.PutAsJsonAsync(Url, body), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");

        using var admin = await _fixture.App.AdminAsync();
        var problem = await Http.ExpectProblemAsync(
            await admin.PutAsJsonAsync(Url, new { name = "Mine", currency = "RU", locale = "xx-NOPE", defaultInProgressCoefficient = 2m, maxAttachmentBytes = 0 }),
            HttpStatusCode.BadRequest,
            "ERR_VALIDATION");
        Assert.Equal(["currency", "defaultInProgressCoefficient", "locale", "maxAttachmentBytes"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Tracker", (await Http.ReadAsync<JsonElement>(await admin.GetAsync(Url))).GetProperty("name").GetString());
    }
}
