using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Identity.Data;

namespace Tracker.IntegrationTests.Identity;

/// <summary>
/// A host that trusts a cached "still active" for minutes: the window in which an administrator who was just
/// deactivated through another instance can still act through this one.
/// </summary>
public sealed class LongSessionCacheFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Identity:SessionCacheDuration"] = "00:10:00" };
}

public sealed class LastAdminTests(LongSessionCacheFixture fixture) : IClassFixture<LongSessionCacheFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task The_last_active_administrator_can_be_neither_deactivated_nor_demoted()
    {
        // "first" is an administrator whose session this instance has cached as active. "second" deactivates the
        // bootstrap administrator here, and "first" is deactivated through another instance (written straight to
        // the database, as that instance would; this one's cache is not told). "second" is the last one left.
        var firstId = await _app.CreateUserAsync("first-admin", "admin");
        var secondId = await _app.CreateUserAsync("second-admin", "admin");
        var bootstrapId = (await _app.LoginAsync("admin", TrackerApp.AdminPassword)).User.Id;
        using var first = await _app.SignInAsync("first-admin", TrackerApp.PasswordOf("first-admin"));
        await Http.ExpectAsync(await first.GetAsync("/api/v1/identity/me"), HttpStatusCode.OK);
        using var second = await _app.SignInAsync("second-admin", TrackerApp.PasswordOf("second-admin"));
        await Http.ExpectAsync(await second.PostAsync(new Uri($"/api/v1/identity/users/{bootstrapId}/deactivate", UriKind.Relative), null), HttpStatusCode.OK);
        await _app.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().Users
            .Where(u => u.Id == firstId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));

        var deactivate = await first.PostAsync(new Uri($"/api/v1/identity/users/{secondId}/deactivate", UriKind.Relative), null);
        var demote = await first.PutAsJsonAsync($"/api/v1/identity/users/{secondId}/role", new { role = "manager" });

        await Http.ExpectProblemAsync(deactivate, HttpStatusCode.Conflict, "ERR_LAST_ADMIN");
        await Http.ExpectProblemAsync(demote, HttpStatusCode.Conflict, "ERR_LAST_ADMIN");
        var user = await Http.ReadAsync<UserDto>(await second.GetAsync(new Uri($"/api/v1/identity/users/{secondId}", UriKind.Relative)));
        Assert.Equal(("admin", true), (user.Role, user.IsActive));
    }
}

public sealed class LastAdminConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Rounds = 6;
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Two_administrators_deactivating_each_other_at_once_leave_one_of_them_active()
    {
        var survivor = ("admin", TrackerApp.AdminPassword);
        var outcomes = new List<HttpStatusCode>();
        for (var round = 0; round < Rounds; round++)
        {
            // Two new administrators become the only active ones; then each deactivates the other, at once.
            using var current = await _app.SignInAsync(survivor.Item1, survivor.Item2);
            var left = await CreateAdminAsync(current, $"left-{round}");
            var right = await CreateAdminAsync(current, $"right-{round}");
            using var leftClient = await _app.SignInAsync(left.Name, TrackerApp.PasswordOf(left.Name));
            using var rightClient = await _app.SignInAsync(right.Name, TrackerApp.PasswordOf(right.Name));
            var survivorId = (await Http.ReadAsync<UserDto>(await current.GetAsync("/api/v1/identity/me"))).Id;
            await Http.ExpectAsync(await leftClient.PostAsync(new Uri($"/api/v1/identity/users/{survivorId}/deactivate", UriKind.Relative), null), HttpStatusCode.OK);

            using var start = new Barrier(2);
            var answers = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return leftClient.PostAsync(new Uri($"/api/v1/identity/users/{right.Id}/deactivate", UriKind.Relative), null); }),
                Task.Run(() => { start.SignalAndWait(); return rightClient.PostAsync(new Uri($"/api/v1/identity/users/{left.Id}/deactivate", UriKind.Relative), null); }));

            // One wins. The other is refused: by the rule (409), or, when the winner committed before it was even
            // authenticated, because its own session ended (401). Never are both deactivated.
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
            if (refused.StatusCode == HttpStatusCode.Conflict)
            {
                await Http.ExpectProblemAsync(refused, HttpStatusCode.Conflict, "ERR_LAST_ADMIN");
            }
            else
            {
                await Http.ExpectAsync(refused, HttpStatusCode.Unauthorized);
            }

            outcomes.Add(refused.StatusCode);
            var winner = answers[0].StatusCode == HttpStatusCode.OK ? left : right;
            var winnerClient = winner == left ? leftClient : rightClient;
            var users = await Http.ReadAsync<JsonElement>(await winnerClient.GetAsync("/api/v1/identity/users?role=admin&active=true&limit=200"));
            Assert.Equal([winner.Name], users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()));
            survivor = (winner.Name, TrackerApp.PasswordOf(winner.Name));
        }

        Assert.Equal(Rounds, outcomes.Count);
    }

    private static async Task<(Guid Id, string Name)> CreateAdminAsync(HttpClient admin, string username)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username, displayName = username, password = TrackerApp.PasswordOf(username), role = "admin" });
        return ((await Http.ReadAsync<UserDto>(response, HttpStatusCode.Created)).Id, username);
    }
}
