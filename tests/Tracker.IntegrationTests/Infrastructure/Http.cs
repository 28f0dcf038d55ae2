using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracker.IntegrationTests.Infrastructure;

public static class Http
{
    /// <summary>Asserts the status code, showing the body when it differs (far easier to diagnose than a bare mismatch).</summary>
    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts an RFC 9457 answer with the given status and code, and returns it for further checks.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        await ExpectAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
        return problem;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await ExpectAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>
    /// Follows a cursor-paged list from its first page to its last (<paramref name="url"/> already holds a query
    /// string): every page holds 1 to <paramref name="limit"/> items, and the last one has no next cursor.
    /// </summary>
    /// <returns>The items of all pages in order, and how many pages there were.</returns>
    /// <param name="betweenPages">Runs after each page but the last: for writes made while a client pages.</param>
    public static async Task<(List<string> Items, int Pages)> ReadAllPagesAsync(HttpClient client, string url, int limit, Func<JsonElement, string> item, Func<Task>? betweenPages = null)
    {
        var items = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ReadAsync<JsonElement>(await client.GetAsync($"{url}&limit={limit}{(cursor is null ? string.Empty : "&cursor=" + cursor)}"));
            var onPage = page.GetProperty("items").EnumerateArray().Select(item).ToList();
            Assert.InRange(onPage.Count, 1, limit);
            items.AddRange(onPage);
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
            if (cursor is not null && betweenPages is not null)
            {
                await betweenPages();
            }
        }
        while (cursor is not null);

        return (items, pages);
    }

    /// <summary>Polls until <paramref name="condition"/> holds: cross-module effects arrive asynchronously.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting until {what}.");
    }
}
