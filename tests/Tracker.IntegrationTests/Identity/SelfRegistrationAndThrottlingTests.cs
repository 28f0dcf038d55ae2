using System.Net;
using System.Net.Http.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Identity;

public sealed class OpenRegistrationFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:AllowSelfRegistration"] = "true",
        ["Identity:MaxFailedLogins"] = "3",
        ["Identity:LoginLockout"] = "00:10:00",
    };
}

public sealed class SelfRegistrationAndThrottlingTests(OpenRegistrationFixture fixture) : IClassFixture<OpenRegistrationFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Self_registration_creates_a_worker_who_can_sign_in()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/register", new { username = "newcomer", displayName = "New Comer", password = "Password-123" });

        var user = await Http.ReadAsync<UserDto>(response, HttpStatusCode.Created);
        Assert.Equal("worker", user.Role);
        Assert.Equal($"/api/v1/identity/users/{user.Id}", response.Headers.Location?.OriginalString);
        await _app.LoginAsync("newcomer", "Password-123");
    }

    [Fact]
    public async Task Repeated_failures_are_throttled_with_retry_after_even_for_the_right_password()
    {
        await _app.CreateUserAsync("guessed", "worker");
        var client = _app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await Http.ExpectProblemAsync(await client.PostAsJsonAsync("/api/v1/identity/login", new { username = "guessed", password = $"wrong-{i}-xx" }), HttpStatusCode.Unauthorized, "ERR_INVALID_CREDENTIALS");
        }

        var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { username = "guessed", password = TrackerApp.PasswordOf("guessed") });

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.TooManyRequests, "ERR_LOGIN_THROTTLED");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);
        Assert.Equal((int)retryAfter.Value.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetInt32());

        // Other accounts are unaffected.
        await _app.LoginAsync("admin", TrackerApp.AdminPassword);
    }
}
