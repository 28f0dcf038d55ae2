using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Http.Idempotency;
using Tracker.BuildingBlocks.Persistence;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Miniatures.Data;

namespace Tracker.IntegrationTests.Miniatures;

/// <summary>Idempotency-Key: a retried POST acts once; its first answer is replayed.</summary>
public sealed class IdempotencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task A_move_whose_answer_is_lost_after_commit_is_replayed_to_the_retry_and_moves_once()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Lost answer", 10);
        var tokens = await _app.LoginAsync("admin", TrackerApp.AdminPassword);
        using var flaky = _app.CreateDefaultClient(new LoseFirstAnswer());
        flaky.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var key = Guid.NewGuid().ToString();

        await Assert.ThrowsAsync<HttpRequestException>(() => flaky.SendAsync(Move(type.Id, 3, key)));
        var retry = await flaky.SendAsync(Move(type.Id, 3, key));

        var replayed = await Http.ReadAsync<TypeDto>(retry);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(IdempotentEndpoints.ReplayedHeader)));
        Assert.Equal(new Counts(7, 3, 0, 0, 0), replayed.Counts);
        Assert.Equal(new Counts(7, 3, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
        Assert.Equal(1, await MovesOfAsync(type.Id));
        var current = await api.Client.GetAsync($"{MiniaturesApi.Base}/types/{type.Id}");
        Assert.Equal(current.Headers.ETag, retry.Headers.ETag);
    }

    [Fact]
    public async Task Sixteen_concurrent_requests_with_one_key_execute_once()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Stampede", 100);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => api.Client.SendAsync(Move(type.Id, 1, key))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK && !r.Headers.Contains(IdempotentEndpoints.ReplayedHeader));
        foreach (var other in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await Http.ExpectProblemAsync(other, HttpStatusCode.Conflict, "ERR_IDEMPOTENCY_IN_PROGRESS");
        }

        Assert.Equal(new Counts(99, 1, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
        Assert.Equal(1, await MovesOfAsync(type.Id));
    }

    [Fact]
    public async Task The_same_key_with_another_request_answers_422_and_changes_nothing()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Reused key", 10);
        var key = Guid.NewGuid().ToString();
        await Http.ExpectAsync(await api.Client.SendAsync(Move(type.Id, 1, key)), HttpStatusCode.OK);

        await Http.ExpectProblemAsync(await api.Client.SendAsync(Move(type.Id, 2, key)), HttpStatusCode.UnprocessableEntity, "ERR_IDEMPOTENCY_KEY_REUSED");
        await Http.ExpectProblemAsync(await api.Client.SendAsync(Post($"/types/{type.Id}/add", """{"qty":1}""", key)), HttpStatusCode.UnprocessableEntity, "ERR_IDEMPOTENCY_KEY_REUSED");

        Assert.Equal(new Counts(9, 1, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
    }

    [Fact]
    public async Task A_created_type_is_replayed_with_its_location_and_etag()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var key = Guid.NewGuid().ToString();
        const string body = """{"name":"Created once","initialQuantity":4}""";

        var first = await api.Client.SendAsync(Post("/types", body, key));
        var second = await api.Client.SendAsync(Post("/types", body, key));

        var created = await Http.ReadAsync<TypeDto>(first, HttpStatusCode.Created);
        Assert.Equal(created, await Http.ReadAsync<TypeDto>(second, HttpStatusCode.Created));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.True(second.Headers.Contains(IdempotentEndpoints.ReplayedHeader));
        Assert.Single((await Http.ReadAsync<TypeList>(await api.Client.GetAsync($"{MiniaturesApi.Base}/types?search=created once"))).Items);
    }

    [Fact]
    public async Task An_import_with_a_key_merges_once()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Imported once", 1);
        var key = Guid.NewGuid().ToString();
        const string document = """{"format":"tracker.miniatures","version":1,"exportedAt":null,"types":[{"name":"Imported once","counts":{"DONE":2},"history":[]}]}""";

        await Http.ExpectAsync(await api.Client.SendAsync(Post("/import?dryRun=false", document, key)), HttpStatusCode.OK);
        var retry = await api.Client.SendAsync(Post("/import?dryRun=false", document, key));

        await Http.ExpectAsync(retry, HttpStatusCode.OK);
        Assert.True(retry.Headers.Contains(IdempotentEndpoints.ReplayedHeader));
        Assert.Equal(new Counts(1, 0, 0, 0, 2), (await api.GetAsync(type.Id)).Counts);
    }

    [Fact]
    public async Task An_error_answer_is_not_stored_so_the_key_can_be_retried_once_the_cause_is_gone()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Short of stock", 1);
        var key = Guid.NewGuid().ToString();

        await Http.ExpectProblemAsync(await api.Client.SendAsync(Move(type.Id, 5, key)), HttpStatusCode.BadRequest, "ERR_INSUFFICIENT_QTY");
        await Http.ExpectAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}/add", new { qty = 4 }), HttpStatusCode.OK);
        var retry = await api.Client.SendAsync(Move(type.Id, 5, key));

        await Http.ExpectAsync(retry, HttpStatusCode.OK);
        Assert.False(retry.Headers.Contains(IdempotentEndpoints.ReplayedHeader));
        Assert.Equal(new Counts(0, 5, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
    }

    [Fact]
    public async Task Keys_belong_to_one_user()
    {
        await _app.CreateUserAsync("idem-worker", "worker");
        var admin = new MiniaturesApi(await _app.AdminAsync());
        var worker = new MiniaturesApi(await _app.SignInAsync("idem-worker", TrackerApp.PasswordOf("idem-worker")));
        var type = await admin.CreateAsync("Shared key", 10);
        var key = Guid.NewGuid().ToString();

        await Http.ExpectAsync(await admin.Client.SendAsync(Move(type.Id, 1, key)), HttpStatusCode.OK);
        var other = await worker.Client.SendAsync(Move(type.Id, 1, key));

        await Http.ExpectAsync(other, HttpStatusCode.OK);
        Assert.False(other.Headers.Contains(IdempotentEndpoints.ReplayedHeader));
        Assert.Equal(new Counts(8, 2, 0, 0, 0), (await admin.GetAsync(type.Id)).Counts);
    }

    [Fact]
    public async Task A_key_held_by_a_running_request_answers_409_and_one_held_by_a_dead_attempt_is_taken_over()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var userId = (await _app.LoginAsync("admin", TrackerApp.AdminPassword)).User.Id;
        var type = await api.CreateAsync("Held key", 10);
        var body = """{"fromStage":"IN_BOX","toStage":"BUILDING","qty":1}""";
        var running = Guid.NewGuid().ToString();
        var dead = Guid.NewGuid().ToString();
        await ReserveAsync(userId, running, $"{MiniaturesApi.Base}/types/{type.Id}/move", body, lockedFor: TimeSpan.FromMinutes(5));
        await ReserveAsync(userId, dead, $"{MiniaturesApi.Base}/types/{type.Id}/move", body, lockedFor: TimeSpan.FromMinutes(-1));

        await Http.ExpectProblemAsync(await api.Client.SendAsync(Post($"/types/{type.Id}/move", body, running)), HttpStatusCode.Conflict, "ERR_IDEMPOTENCY_IN_PROGRESS");
        await Http.ExpectAsync(await api.Client.SendAsync(Post($"/types/{type.Id}/move", body, dead)), HttpStatusCode.OK);

        Assert.Equal(new Counts(9, 1, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task Malformed_keys_are_refused(string key)
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var request = new HttpRequestMessage(HttpMethod.Post, $"{MiniaturesApi.Base}/types") { Content = JsonContent.Create(new { name = $"Bad key {key.Length}" }) };
        request.Headers.TryAddWithoutValidation(IdempotentEndpoints.KeyHeader, key);

        await Http.ExpectProblemAsync(await api.Client.SendAsync(request), HttpStatusCode.BadRequest, "ERR_IDEMPOTENCY_KEY_INVALID");
    }

    [Fact]
    public async Task A_too_long_key_is_refused()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        await Http.ExpectProblemAsync(await api.Client.SendAsync(Post("/types", """{"name":"Long key"}""", new string('k', 256))), HttpStatusCode.BadRequest, "ERR_IDEMPOTENCY_KEY_INVALID");
    }

    private Task<int> MovesOfAsync(Guid typeId) =>
        _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().History.CountAsync(h => h.TypeId == typeId && h.FromStage != null));

    /// <summary>A reservation as an attempt leaves it while it runs (or after it died), for the exact request the test sends.</summary>
    private async Task ReserveAsync(Guid userId, string key, string path, string body, TimeSpan lockedFor)
    {
        using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var fingerprint = await IdempotentRequestDelegate.FingerprintAsync("POST", path, bytes, CancellationToken.None);
        await _app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MiniaturesDbContext>();
            db.IdempotentRequests.Add(new IdempotentRequest
            {
                UserId = userId,
                IdempotencyKey = key,
                Fingerprint = fingerprint,
                Owner = Guid.NewGuid(),
                LockedUntil = DateTime.UtcNow + lockedFor,
                ExpiresAt = DateTime.UtcNow.AddHours(1),
            });
            return await db.SaveChangesAsync();
        });
    }

    private static HttpRequestMessage Move(Guid typeId, int qty, string key) =>
        Post($"/types/{typeId}/move", $$"""{"fromStage":"IN_BOX","toStage":"BUILDING","qty":{{qty}}}""", key);

    private static HttpRequestMessage Post(string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MiniaturesApi.Base + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotentEndpoints.KeyHeader, key);
        return request;
    }

    /// <summary>The network drops the first answer after the server has acted on the request.</summary>
    private sealed class LoseFirstAnswer : DelegatingHandler
    {
        private int _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (Interlocked.Increment(ref _calls) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("connection reset after the request was processed");
            }

            return response;
        }
    }
}

/// <summary>Expired keys are purged in the background; the key is free again afterwards.</summary>
public sealed class IdempotencyPurgeTests(IdempotencyPurgeTests.ShortLivedKeys fixture) : IClassFixture<IdempotencyPurgeTests.ShortLivedKeys>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Expired_keys_are_purged_and_can_be_used_again()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Purged key", 10);
        var key = Guid.NewGuid().ToString();
        var request = () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, $"{MiniaturesApi.Base}/types/{type.Id}/add") { Content = JsonContent.Create(new { qty = 1 }) };
            message.Headers.Add(IdempotentEndpoints.KeyHeader, key);
            return message;
        };
        await Http.ExpectAsync(await api.Client.SendAsync(request()), HttpStatusCode.OK);
        Assert.True((await api.Client.SendAsync(request())).Headers.Contains(IdempotentEndpoints.ReplayedHeader));

        await Http.EventuallyAsync(async () => await StoredKeysAsync(key) == 0, "the expired key is purged");
        var again = await api.Client.SendAsync(request());

        await Http.ExpectAsync(again, HttpStatusCode.OK);
        Assert.False(again.Headers.Contains(IdempotentEndpoints.ReplayedHeader));
        Assert.Equal(12, (await api.GetAsync(type.Id)).Counts.InBox);
        Assert.Equal(1, await StoredKeysAsync(key));
    }

    private Task<int> StoredKeysAsync(string key) =>
        _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().IdempotentRequests.CountAsync(r => r.IdempotencyKey == key));

    public sealed class ShortLivedKeys : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // Long enough for the replay above on a loaded machine, short enough to wait for.
            ["Idempotency:Lifetime"] = "00:00:05",
            ["Idempotency:PurgeInterval"] = "00:00:00.200",
        };
    }
}
