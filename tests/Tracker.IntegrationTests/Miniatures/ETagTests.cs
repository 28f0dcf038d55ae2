using System.Net;
using System.Net.Http.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Miniatures;

/// <summary>ETag from the type's version, If-None-Match → 304, If-Match → 412 with the current type.</summary>
public sealed class ETagTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    private async Task<MiniaturesApi> ApiAsync() => new(await _app.AdminAsync());

    [Fact]
    public async Task A_type_answers_a_strong_etag_and_304_while_if_none_match_names_it()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Etag reader", 5);

        var first = await api.Client.GetAsync($"{MiniaturesApi.Base}/types/{type.Id}");
        await Http.ExpectAsync(first, HttpStatusCode.OK);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);
        Assert.Matches("^\"[0-9]+\"$", tag.Tag);

        var notModified = await SendAsync(api, HttpMethod.Get, $"/types/{type.Id}", ifNoneMatch: tag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(tag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Weak comparison: W/ of the same tag matches too; an unrelated tag does not.
        Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(api, HttpMethod.Get, $"/types/{type.Id}", ifNoneMatch: "W/" + tag.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Get, $"/types/{type.Id}", ifNoneMatch: "\"999999\"")).StatusCode);

        await api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 1);
        var changed = await SendAsync(api, HttpMethod.Get, $"/types/{type.Id}", ifNoneMatch: tag.Tag);
        await Http.ExpectAsync(changed, HttpStatusCode.OK);
        Assert.NotEqual(tag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Every_change_of_a_type_moves_its_etag_and_writes_answer_the_new_one()
    {
        var api = await ApiAsync();
        var created = await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name = "Etag writer", initialQuantity = 5 });
        await Http.ExpectAsync(created, HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<TypeDto>())!.Id;
        var tags = new List<string> { created.Headers.ETag!.Tag };

        async Task Changed(HttpResponseMessage response)
        {
            await Http.ExpectAsync(response, HttpStatusCode.OK);
            var tag = response.Headers.ETag!.Tag;
            Assert.DoesNotContain(tag, tags);
            Assert.Equal(tag, await CurrentTagAsync(api, id));
            tags.Add(tag);
        }

        await Changed(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{id}/add", new { qty = 2 }));
        await Changed(await api.MoveAsync(id, "IN_BOX", "PRIMING", 3));
        await Changed(await api.Client.PutAsJsonAsync($"{MiniaturesApi.Base}/types/{id}", new { name = "Etag writer renamed" }));

        var document = """{"format":"tracker.miniatures","version":1,"exportedAt":null,"types":[{"name":"Etag writer renamed","counts":{"DONE":1},"history":[]}]}""";
        await Http.ExpectAsync(await api.ImportAsync(document), HttpStatusCode.OK);
        var afterImport = await CurrentTagAsync(api, id);
        Assert.DoesNotContain(afterImport, tags);

        // A rejected move changes nothing, the tag included.
        await Http.ExpectProblemAsync(await api.MoveAsync(id, "BUILDING", "DONE", 50), HttpStatusCode.BadRequest, "ERR_INSUFFICIENT_QTY");
        Assert.Equal(afterImport, await CurrentTagAsync(api, id));
    }

    public static TheoryData<string> Writes => ["rename", "purchase", "move", "delete"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_with_a_stale_if_match_answers_412_with_the_current_type_and_changes_nothing(string write)
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync($"Stale {write}", 10);
        var stale = await CurrentTagAsync(api, type.Id);
        await api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 4); // someone else's change
        var current = await CurrentTagAsync(api, type.Id);

        var rejected = await WriteAsync(api, write, type.Id, stale);

        var problem = await Http.ExpectProblemAsync(rejected, HttpStatusCode.PreconditionFailed, "ERR_VERSION_MISMATCH");
        var now = problem.GetProperty("current");
        Assert.Equal(type.Id, now.GetProperty("id").GetGuid());
        Assert.Equal(4, now.GetProperty("counts").GetProperty("BUILDING").GetInt32());
        Assert.Equal(current, rejected.Headers.ETag?.Tag);
        var after = await api.GetAsync(type.Id);
        Assert.Equal((type.Name, new Counts(6, 4, 0, 0, 0)), (after.Name, after.Counts));
        Assert.Equal(current, await CurrentTagAsync(api, type.Id));

        var accepted = await WriteAsync(api, write, type.Id, current);
        Assert.True(accepted.IsSuccessStatusCode, $"{write} with the current tag: {(int)accepted.StatusCode}");
        if (write != "delete")
        {
            Assert.Equal(await CurrentTagAsync(api, type.Id), accepted.Headers.ETag?.Tag);
        }
    }

    [Fact]
    public async Task If_match_star_is_unconditional_foreign_tags_fail_and_several_tags_are_refused()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Etag forms", 10);

        await Http.ExpectAsync(await WriteAsync(api, "move", type.Id, "*"), HttpStatusCode.OK);
        var current = await CurrentTagAsync(api, type.Id);
        await Http.ExpectProblemAsync(await WriteAsync(api, "move", type.Id, "W/" + current), HttpStatusCode.PreconditionFailed, "ERR_VERSION_MISMATCH");
        await Http.ExpectProblemAsync(await WriteAsync(api, "move", type.Id, "\"not-ours\""), HttpStatusCode.PreconditionFailed, "ERR_VERSION_MISMATCH");
        await Http.ExpectProblemAsync(await WriteAsync(api, "move", type.Id, $"{current}, \"1\""), HttpStatusCode.BadRequest, "ERR_PRECONDITION_INVALID");
        await Http.ExpectProblemAsync(await WriteAsync(api, "move", type.Id, "garbage"), HttpStatusCode.BadRequest, "ERR_PRECONDITION_INVALID");
        Assert.Equal(new Counts(9, 1, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
    }

    [Fact]
    public async Task Of_concurrent_writes_based_on_one_tag_exactly_one_succeeds()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Etag race", 100);
        var tag = await CurrentTagAsync(api, type.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => WriteAsync(api, i % 2 == 0 ? "move" : "purchase", type.Id, tag)));

        Assert.Single(responses, r => r.IsSuccessStatusCode);
        Assert.All(responses.Where(r => !r.IsSuccessStatusCode), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var after = await api.GetAsync(type.Id);
        Assert.True(after.Counts == new Counts(99, 1, 0, 0, 0) || after.Counts == new Counts(103, 0, 0, 0, 0), after.Counts.ToString());
    }

    private static async Task<string> CurrentTagAsync(MiniaturesApi api, Guid id)
    {
        var response = await api.Client.GetAsync($"{MiniaturesApi.Base}/types/{id}");
        await Http.ExpectAsync(response, HttpStatusCode.OK);
        return response.Headers.ETag!.Tag;
    }

    private static Task<HttpResponseMessage> WriteAsync(MiniaturesApi api, string write, Guid id, string ifMatch) => write switch
    {
        "rename" => SendAsync(api, HttpMethod.Put, $"/types/{id}", new { name = $"Renamed {id}" }, ifMatch: ifMatch),
        "purchase" => SendAsync(api, HttpMethod.Post, $"/types/{id}/add", new { qty = 3 }, ifMatch: ifMatch),
        "move" => SendAsync(api, HttpMethod.Post, $"/types/{id}/move", new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 1 }, ifMatch: ifMatch),
        _ => SendAsync(api, HttpMethod.Delete, $"/types/{id}", ifMatch: ifMatch),
    };

    private static Task<HttpResponseMessage> SendAsync(MiniaturesApi api, HttpMethod method, string path, object? body = null, string? ifMatch = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, MiniaturesApi.Base + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        // Added without validation: the malformed values are part of what is tested.
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return api.Client.SendAsync(request);
    }
}
