using System.Net;
using System.Net.Http.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Identity;

public sealed class SprayingFixture : AppFixture
{
    public const string SpaOrigin = "https://spa.example";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:MaxFailedLogins"] = "10",
        ["Identity:MaxFailedLoginsPerAddress"] = "4",
        ["Identity:LoginLockout"] = "00:10:00",
        ["Http:CorsOrigins:0"] = SpaOrigin,
        ["Http:CorsPreflightMaxAge"] = "00:20:00",
    };
}

public sealed class SecurityHeadersAndThrottlingTests(SprayingFixture fixture) : IClassFixture<SprayingFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Failures_for_many_usernames_from_one_address_are_throttled_with_retry_after_and_a_problem_type()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            // Password spraying: one common password against a different account each time.
            var failed = await client.PostAsJsonAsync("/api/v1/identity/login", new { username = $"sprayed-{i}", password = "Summer2026!" });
            await Http.ExpectProblemAsync(failed, HttpStatusCode.Unauthorized, "ERR_INVALID_CREDENTIALS");
        }

        // Now even the right password for an account never tried from here is refused.
        var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { username = "admin", password = TrackerApp.AdminPassword });

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.TooManyRequests, "ERR_LOGIN_THROTTLED");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);
        Assert.Equal((int)retryAfter.Value.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Cors_preflight_answers_say_how_long_they_may_be_cached()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/miniatures/types");
        preflight.Headers.Add("Origin", SprayingFixture.SpaOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await _app.CreateClient().SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal(SprayingFixture.SpaOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("1200", response.Headers.GetValues("Access-Control-Max-Age").Single());
    }
}

public sealed class TokenCachingAndImportRightsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Sign_in_and_refresh_answers_are_never_cached()
    {
        var client = _app.CreateClient();

        var login = await client.PostAsJsonAsync("/api/v1/identity/login", new { username = "admin", password = TrackerApp.AdminPassword });
        var tokens = await Http.ReadAsync<TokenPair>(login);
        var refresh = await client.PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = tokens.RefreshToken });
        await Http.ExpectAsync(refresh, HttpStatusCode.OK);

        foreach (var response in new[] { login, refresh })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri} lacks Cache-Control: no-store");
            Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.Name));
        }
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("worker")]
    public async Task Only_administrators_may_import_since_an_import_rewrites_the_whole_state(string role)
    {
        var username = $"importer-{role}";
        await _app.CreateUserAsync(username, role);
        using var client = await _app.SignInAsync(username, TrackerApp.PasswordOf(username));
        var document = """{"format":"tracker.miniatures","version":1,"types":[{"name":"Forbidden Import","counts":{"IN_BOX":1}}]}""";

        var response = await client.PostAsync(new Uri("/api/v1/miniatures/import", UriKind.Relative), new StringContent(document, System.Text.Encoding.UTF8, "application/json"));

        await Http.ExpectProblemAsync(response, HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        var types = await Http.ReadAsync<System.Text.Json.JsonElement>(await client.GetAsync("/api/v1/miniatures/types"));
        Assert.DoesNotContain(types.GetProperty("items").EnumerateArray(), t => t.GetProperty("name").GetString() == "Forbidden Import");
    }
}
