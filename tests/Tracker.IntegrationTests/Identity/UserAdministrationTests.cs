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
    public async Task Short_fields_and_a_missing_role_are_field_errors()
    {
        using var admin = await _app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = "x", displayName = "", password = "short", role = "worker" });
        var missingRole = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = "missing-role", displayName = "M", password = "Password-123" });

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_VALIDATION");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "username", "displayName", "password" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}");
        }

        // A required member that is missing is refused as the body is read, before the other rules run.
        var missing = await Http.ExpectProblemAsync(missingRole, HttpStatusCode.BadRequest, "ERR_VALIDATION");
        Assert.True(missing.GetProperty("errors").TryGetProperty("role", out _), "expected an error for role");
    }

    [Theory]
    [InlineData("emperor")]
    [InlineData("Admin")]
    [InlineData("manager, planner")]
    [InlineData(" worker")]
    [InlineData("1")]
    public async Task Only_the_exact_role_names_are_accepted_in_a_body(string role)
    {
        var id = await _app.CreateUserAsync($"exact-{Guid.NewGuid():N}"[..20], "worker");
        using var admin = await _app.AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = "not-created", displayName = "N", password = "Password-123", role });
        var changed = await admin.PutAsJsonAsync($"/api/v1/identity/users/{id}/role", new { role });

        foreach (var response in new[] { created, changed })
        {
            var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_VALIDATION");
            Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _), "expected the role to be named");
        }

        Assert.Equal("worker", (await Http.ReadAsync<UserDto>(await admin.GetAsync($"/api/v1/identity/users/{id}"))).Role);
    }

    [Fact]
    public async Task An_unknown_role_filter_is_a_field_error()
    {
        using var admin = await _app.AdminAsync();

        var problem = await Http.ExpectProblemAsync(await admin.GetAsync("/api/v1/identity/users?role=emperor"), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
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
    public async Task Users_are_listed_filtered_and_paged_by_cursor()
    {
        for (var i = 0; i < 3; i++)
        {
            await _app.CreateUserAsync($"lister-{i}", "worker");
        }

        await _app.CreateUserAsync("lister-boss", "manager");
        using var admin = await _app.AdminAsync();

        var first = await Http.ReadAsync<UserPage>(await admin.GetAsync("/api/v1/identity/users?search=LISTER&role=worker&active=true&limit=2"));
        var second = await Http.ReadAsync<UserPage>(await admin.GetAsync($"/api/v1/identity/users?search=LISTER&role=worker&active=true&limit=2&cursor={first.NextCursor}"));

        Assert.Equal(["lister-0", "lister-1"], first.Items.Select(u => u.Username));
        Assert.NotNull(first.NextCursor);
        Assert.Equal("lister-2", Assert.Single(second.Items).Username);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Paging_through_every_user_returns_each_exactly_once_in_order()
    {
        // Created out of order and in mixed case: the list is ordered by the case-insensitive username.
        string[] names = ["Pager-k", "pager-c", "PAGER-x", "pager-a", "pager-m", "Pager-B", "pager-z"];
        foreach (var name in names)
        {
            await _app.CreateUserAsync(name, "worker");
        }

        using var admin = await _app.AdminAsync();
        var (seen, pages) = await Http.ReadAllPagesAsync(admin, "/api/v1/identity/users?search=pager", 3, u => u.GetProperty("username").GetString()!);

        Assert.Equal(names.OrderBy(n => n.ToUpperInvariant(), StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_tampered_cursor_is_a_field_error()
    {
        for (var i = 0; i < 2; i++)
        {
            await _app.CreateUserAsync($"tamper-{i}", "worker");
        }

        using var admin = await _app.AdminAsync();
        var cursor = (await Http.ReadAsync<UserPage>(await admin.GetAsync("/api/v1/identity/users?search=tamper&limit=1"))).NextCursor!;
        var tampered = (cursor[0] == 'A' ? "B" : "A") + cursor[1..];

        foreach (var bad in new[] { tampered, "garbage", cursor + "AA" })
        {
            var problem = await Http.ExpectProblemAsync(await admin.GetAsync($"/api/v1/identity/users?cursor={bad}"), HttpStatusCode.BadRequest, "ERR_VALIDATION");
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), $"expected the cursor named for {bad}");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task A_limit_outside_1_to_200_is_a_field_error(string limit)
    {
        using var admin = await _app.AdminAsync();

        var problem = await Http.ExpectProblemAsync(await admin.GetAsync($"/api/v1/identity/users?limit={limit}"), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
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

    private sealed record UserPage(List<UserDto> Items, string? NextCursor);
}
