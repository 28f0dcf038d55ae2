using System.Net;
using System.Net.Http.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Identity;

public sealed class UserAdministrationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Admin_creates_a_user_who_can_then_sign_in_with_that_role()
    {
        await _app.CreateUserAsync("planner-one", "planner");

        var tokens = await _app.LoginAsync("planner-one", TrackerApp.PasswordOf("planner-one"));

        Assert.Equal("planner", tokens.User.Role);
    }

    [Fact]
    public async Task Usernames_are_unique_regardless_of_case()
    {
        await _app.CreateUserAsync("Unique-Name", "worker");
        using var admin = await _app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = "unique-NAME", displayName = "Dup", password = "Password-123", role = "worker" });

        await Http.ExpectProblemAsync(response, HttpStatusCode.Conflict, "ERR_USERNAME_TAKEN");
    }

    [Fact]
    public async Task Invalid_role_and_short_password_are_field_errors()
    {
        using var admin = await _app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = "x", displayName = "", password = "short", role = "emperor" });

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_VALIDATION");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "username", "displayName", "password", "role" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}");
        }
    }

    [Fact]
    public async Task Non_admins_are_forbidden_from_user_administration()
    {
        await _app.CreateUserAsync("manager-no-admin", "manager");
        using var manager = await _app.SignInAsync("manager-no-admin", TrackerApp.PasswordOf("manager-no-admin"));

        await Http.ExpectProblemAsync(await manager.GetAsync("/api/v1/identity/users"), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await Http.ExpectProblemAsync(
            await manager.PostAsJsonAsync("/api/v1/identity/users", new { username = "sneaky", displayName = "S", password = "Password-123", role = "admin" }),
            HttpStatusCode.Forbidden,
            "ERR_FORBIDDEN");
    }

    [Fact]
    public async Task Users_are_listed_paged_and_filtered()
    {
        for (var i = 0; i < 3; i++)
        {
            await _app.CreateUserAsync($"lister-{i}", "worker");
        }

        using var admin = await _app.AdminAsync();
        var page = await Http.ReadAsync<UserPage>(await admin.GetAsync("/api/v1/identity/users?search=LISTER&role=worker&pageSize=2&page=2"));

        Assert.Equal(3, page.TotalCount);
        Assert.Equal(2, page.PageSize);
        Assert.Equal("lister-2", Assert.Single(page.Items).Username);
    }

    [Fact]
    public async Task A_role_change_invalidates_the_users_existing_tokens()
    {
        var id = await _app.CreateUserAsync("promoted", "worker");
        var oldSession = await _app.LoginAsync("promoted", TrackerApp.PasswordOf("promoted"));
        using var admin = await _app.AdminAsync();

        var changed = await Http.ReadAsync<UserDto>(await admin.PutAsJsonAsync($"/api/v1/identity/users/{id}/role", new { role = "manager" }));
        Assert.Equal("manager", changed.Role);

        using var stale = _app.Authorized(oldSession.AccessToken);
        await Http.ExpectProblemAsync(await stale.GetAsync("/api/v1/identity/me"), HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        var fresh = await _app.LoginAsync("promoted", TrackerApp.PasswordOf("promoted"));
        Assert.Equal("manager", fresh.User.Role);
    }

    [Fact]
    public async Task A_deactivated_user_loses_access_tokens_refresh_tokens_and_sign_in()
    {
        var id = await _app.CreateUserAsync("leaver", "worker");
        var session = await _app.LoginAsync("leaver", TrackerApp.PasswordOf("leaver"));
        using var admin = await _app.AdminAsync();

        var deactivated = await Http.ReadAsync<UserDto>(await admin.PostAsync($"/api/v1/identity/users/{id}/deactivate", null));
        Assert.False(deactivated.IsActive);

        using var client = _app.Authorized(session.AccessToken);
        await Http.ExpectProblemAsync(await client.GetAsync("/api/v1/identity/me"), HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        await Http.ExpectProblemAsync(await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = session.RefreshToken }), HttpStatusCode.Unauthorized, "ERR_INVALID_REFRESH_TOKEN");
        await Http.ExpectProblemAsync(
            await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = "leaver", password = TrackerApp.PasswordOf("leaver") }),
            HttpStatusCode.Unauthorized,
            "ERR_INVALID_CREDENTIALS");

        await Http.ExpectAsync(await admin.PostAsync($"/api/v1/identity/users/{id}/activate", null), HttpStatusCode.OK);
        await _app.LoginAsync("leaver", TrackerApp.PasswordOf("leaver"));
    }

    [Fact]
    public async Task An_admin_cannot_lock_themselves_out()
    {
        var tokens = await _app.LoginAsync("admin", TrackerApp.AdminPassword);
        using var admin = _app.Authorized(tokens.AccessToken);

        await Http.ExpectProblemAsync(await admin.PostAsync($"/api/v1/identity/users/{tokens.User.Id}/deactivate", null), HttpStatusCode.Conflict, "ERR_SELF_LOCKOUT");
        await Http.ExpectProblemAsync(await admin.PutAsJsonAsync($"/api/v1/identity/users/{tokens.User.Id}/role", new { role = "worker" }), HttpStatusCode.Conflict, "ERR_SELF_LOCKOUT");
    }

    [Fact]
    public async Task Unknown_user_ids_are_404()
    {
        using var admin = await _app.AdminAsync();

        await Http.ExpectProblemAsync(await admin.PostAsync($"/api/v1/identity/users/{Guid.NewGuid()}/deactivate", null), HttpStatusCode.NotFound, "ERR_USER_NOT_FOUND");
    }

    [Fact]
    public async Task Self_registration_is_refused_unless_enabled()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/register", new { username = "walk-in", displayName = "Walk In", password = "Password-123" });

        await Http.ExpectProblemAsync(response, HttpStatusCode.Forbidden, "ERR_REGISTRATION_DISABLED");
    }

    private sealed record UserPage(List<UserDto> Items, int Page, int PageSize, int TotalCount);
}
