using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Persistence;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Identity.Data;

namespace Tracker.IntegrationTests.Platform;

public sealed class HostTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task The_host_runs_on_the_provider_under_test()
    {
        var provider = await _app.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IdentityDbContext>().Database.ProviderName));

        Assert.EndsWith(_app.Database.Provider == DatabaseProvider.Sqlite ? "Sqlite" : "PostgreSQL", provider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_created_answer_carries_a_Location_that_resolves()
    {
        var followedBefore = LocationFollower.Followed;
        using var admin = await _app.AdminAsync();

        var user = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = "located", displayName = "Located", password = "Located-Pw1!", role = "worker" });
        var type = await admin.PostAsJsonAsync("/api/v1/miniatures/types", new { name = "Located Knights" });

        await Http.ExpectAsync(user, HttpStatusCode.Created);
        await Http.ExpectAsync(type, HttpStatusCode.Created);
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/identity/users/{userId}", user.Headers.Location?.OriginalString);
        Assert.StartsWith("/api/v1/miniatures/types/", type.Headers.Location?.OriginalString, StringComparison.Ordinal);
        // The test client followed both (and fails any test whose 201 points nowhere).
        Assert.True(LocationFollower.Followed >= followedBefore + 2);
    }

    [Fact]
    public async Task Liveness_and_readiness_report_healthy_once_migrated()
    {
        var client = _app.CreateClient();

        await Http.ExpectAsync(await client.GetAsync("/health/live"), HttpStatusCode.OK);
        var ready = await Http.ReadAsync<JsonElement>(await client.GetAsync("/health/ready"));
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_documents_paging_parameters_with_their_bounds_and_roles_as_a_string_enum()
    {
        var document = await Http.ReadAsync<JsonElement>(await _app.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/identity/users", "/api/v1/miniatures/history", "/api/v1/miniatures/types/{id}/history" })
        {
            var parameters = paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
            Assert.Equal("string", parameters["cursor"].GetProperty("type").GetString());
            var limit = parameters["limit"];
            Assert.Equal((1, 200, 50), (limit.GetProperty("minimum").GetInt32(), limit.GetProperty("maximum").GetInt32(), limit.GetProperty("default").GetInt32()));
        }

        var role = document.GetProperty("components").GetProperty("schemas").GetProperty("Role");
        Assert.Equal("string", role.GetProperty("type").GetString());
        Assert.Equal(["admin", "manager", "planner", "worker"], role.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var stage = document.GetProperty("components").GetProperty("schemas").GetProperty("Stage");
        Assert.Equal("string", stage.GetProperty("type").GetString());
    }

    [Fact]
    public async Task OpenApi_document_is_3_1_with_bearer_scheme_named_tagged_operations_and_problem_responses()
    {
        var document = await Http.ReadAsync<JsonElement>(await _app.CreateClient().GetAsync("/openapi/v1.json"));

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());

        var operationIds = new HashSet<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var op = operation.Value;
                var id = op.GetProperty("operationId").GetString()!;
                Assert.True(operationIds.Add(id), $"duplicate operationId {id}");
                Assert.NotEmpty(op.GetProperty("tags").EnumerateArray());
                Assert.True(op.GetProperty("responses").TryGetProperty("500", out _), $"{id} documents no 500");
                var secured = op.GetProperty("security").EnumerateArray().Any(r => r.EnumerateObject().Any());
                if (secured)
                {
                    Assert.True(op.GetProperty("responses").TryGetProperty("401", out _), $"{id} documents no 401");
                }
            }
        }

        Assert.Contains("login", operationIds);
        Assert.Contains("getMe", operationIds);
    }

    [Fact]
    public async Task Scalar_reference_ui_is_served()
    {
        var response = await _app.CreateClient().GetAsync("/scalar");
        await Http.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_are_written_as_compact_json_in_the_data_directory_without_secrets()
    {
        await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = "admin", password = "definitely-wrong-secret" });
        await _app.LoginAsync("admin", TrackerApp.AdminPassword);

        var text = await _app.LogTextContainingAsync("\"@t\"");
        Assert.DoesNotContain("definitely-wrong-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TrackerApp.AdminPassword, text, StringComparison.Ordinal);
    }
}
