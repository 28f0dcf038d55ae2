using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Identity.Data;

namespace Tracker.IntegrationTests.Identity;

public sealed class SignInTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Bootstrap_admin_signs_in_and_reads_their_account()
    {
        var tokens = await _app.LoginAsync("admin", TrackerApp.AdminPassword);

        Assert.Equal("admin", tokens.User.Role);
        Assert.InRange(tokens.ExpiresIn, 60, 3600);
        using var client = _app.Authorized(tokens.AccessToken);
        var me = await Http.ReadAsync<UserDto>(await client.GetAsync("/api/v1/identity/me"));
        Assert.Equal("admin", me.Username);
        Assert.True(me.IsActive);
    }

    [Fact]
    public async Task Usernames_are_case_insensitive_and_trimmed()
    {
        var tokens = await _app.LoginAsync("  ADMIN ", TrackerApp.AdminPassword);
        Assert.Equal("admin", tokens.User.Username);
    }

    [Fact]
    public async Task Passwords_are_stored_as_salted_hashes_only()
    {
        await _app.CreateUserAsync("hash-check", "worker");

        var hash = await _app.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().Users
            .Where(u => u.NormalizedUsername == "HASH-CHECK").Select(u => u.PasswordHash).SingleAsync());
        Assert.DoesNotContain(TrackerApp.PasswordOf("hash-check"), hash, StringComparison.Ordinal);
        // ASP.NET Core Identity v3 format: PBKDF2 with a random salt, base64 starting with the 0x01 marker.
        Assert.StartsWith("AQAAAA", hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_401_problem_with_a_stable_code()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = "admin", password = "not-the-password" });

        await Http.ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "ERR_INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = "nobody-here", password = "whatever-123" });
        await Http.ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "ERR_INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Missing_credentials_are_a_validation_problem_with_field_errors()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = "", password = "" });

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_VALIDATION");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Refresh_rotates_and_a_reused_refresh_token_ends_the_whole_session()
    {
        var first = await _app.LoginAsync("admin", TrackerApp.AdminPassword);
        var client = _app.CreateClient();

        var second = await Http.ReadAsync<TokenPair>(await client.PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = first.RefreshToken }));
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        using (var authorized = _app.Authorized(second.AccessToken))
        {
            await Http.ExpectAsync(await authorized.GetAsync("/api/v1/identity/me"), HttpStatusCode.OK);
        }

        // The first token was spent: presenting it again looks like theft, so the newer one dies too.
        await Http.ExpectProblemAsync(await client.PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = first.RefreshToken }), HttpStatusCode.Unauthorized, "ERR_INVALID_REFRESH_TOKEN");
        await Http.ExpectProblemAsync(await client.PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = second.RefreshToken }), HttpStatusCode.Unauthorized, "ERR_INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_yield_exactly_one_new_session()
    {
        var tokens = await _app.LoginAsync("admin", TrackerApp.AdminPassword);
        var client = _app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = tokens.RefreshToken })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token()
    {
        var tokens = await _app.LoginAsync("admin", TrackerApp.AdminPassword);
        var client = _app.CreateClient();

        await Http.ExpectAsync(await client.PostAsJsonAsync("/api/v1/identity/logout", new { refreshToken = tokens.RefreshToken }), HttpStatusCode.NoContent);

        await Http.ExpectProblemAsync(await client.PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = tokens.RefreshToken }), HttpStatusCode.Unauthorized, "ERR_INVALID_REFRESH_TOKEN");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task Protected_endpoints_answer_401_problem_without_a_valid_token(string? token)
    {
        var client = token is null ? _app.CreateClient() : _app.Authorized(token);

        var response = await client.GetAsync("/api/v1/identity/me");

        await Http.ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Me_is_localised_by_accept_language()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9");

        var problem = await Http.ExpectProblemAsync(await client.GetAsync("/api/v1/identity/me"), HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");

        Assert.Equal("Требуется вход", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Token_response_does_not_leak_the_password_hash()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = "admin", password = TrackerApp.AdminPassword });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.GetProperty("user").TryGetProperty("passwordHash", out _));
        Assert.False(body.GetProperty("user").TryGetProperty("securityStamp", out _));
    }
}
