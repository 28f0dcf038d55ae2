using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Tracker.BuildingBlocks.Http.Concurrency;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Platform;

/// <summary>The HTTP mechanisms' parsing rules (no host) and how the OpenAPI document declares them.</summary>
public sealed class HttpMechanismsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData(null, true, null)]
    [InlineData("*", true, null)]
    [InlineData("\"42\"", true, 42L)]
    [InlineData("W/\"42\"", true, 0L)]
    [InlineData("\"abc\"", true, 0L)]
    [InlineData("\"1\", \"2\"", false, 0L)]
    [InlineData("42", false, 0L)]
    public async Task If_match_binds_to_the_version_it_names(string? header, bool valid, long? version)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.IfMatch = header;
        }

        var ifMatch = (await IfMatch.BindAsync(context))!;

        Assert.Equal((valid, version), (ifMatch.IsValid, ifMatch.Version));
    }

    [Theory]
    [InlineData("\"7\"", true)]
    [InlineData("W/\"7\"", true)]
    [InlineData("\"6\", \"7\"", true)]
    [InlineData("*", true)]
    [InlineData("\"6\"", false)]
    [InlineData("", false)]
    public void If_none_match_uses_the_weak_comparison(string header, bool holds) =>
        Assert.Equal(holds, EntityTags.NoneMatchHolds(header, EntityTags.Format(7)));

    [Theory]
    [InlineData(null, "\"1234567890123\"")]
    [InlineData("0.5-3", "\"1234567890123-0.5-3\"")]
    public void Tags_round_trip_to_their_version_and_are_strong(string? derived, string expected)
    {
        var formatted = EntityTags.Format(1234567890123, derived);
        Assert.Equal(expected, formatted);
        var tag = EntityTagHeaderValue.Parse(formatted);
        Assert.False(tag.IsWeak);
        Assert.True(EntityTags.TryParseVersion(tag, out var version));
        Assert.Equal(1234567890123, version);
    }

    [Theory]
    [InlineData("W/\"5\"")]
    [InlineData("\"-5\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"5-\"")]
    [InlineData("\"5-x1\"")]
    public void Tags_this_api_never_issued_name_no_version(string header) =>
        Assert.False(EntityTags.TryParseVersion(EntityTagHeaderValue.Parse(header), out _));

    [Fact]
    public async Task The_document_declares_the_headers_and_answers_of_each_mechanism()
    {
        var document = await Http.ReadAsync<JsonElement>(await fixture.App.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        JsonElement Operation(string path, string method) => paths.GetProperty($"/api/v1/miniatures{path}").GetProperty(method);
        static string[] Headers(JsonElement operation) =>
            [.. operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()!) : []];
        static bool Answers(JsonElement operation, string status) => operation.GetProperty("responses").TryGetProperty(status, out _);
        static string[] ResponseHeaders(JsonElement operation, string status) =>
            [.. operation.GetProperty("responses").GetProperty(status).TryGetProperty("headers", out var headers) ? headers.EnumerateObject().Select(h => h.Name) : []];

        var get = Operation("/types/{id}", "get");
        Assert.Contains("If-None-Match", Headers(get));
        Assert.True(Answers(get, "304"));
        Assert.Contains("ETag", ResponseHeaders(get, "200"));

        var move = Operation("/types/{id}/move", "post");
        Assert.Equal(["Idempotency-Key", "If-Match"], Headers(move).Order(StringComparer.Ordinal));
        Assert.All(["409", "412", "422"], status => Assert.True(Answers(move, status), status));
        Assert.Equal(["ETag", "Idempotency-Replayed", "X-Request-Id"], ResponseHeaders(move, "200").Order(StringComparer.Ordinal));

        var delete = Operation("/types/{id}", "delete");
        Assert.Equal(["If-Match"], Headers(delete));
        Assert.True(Answers(delete, "412"));

        var create = Operation("/types", "post");
        Assert.Equal(["Idempotency-Key"], Headers(create));
        Assert.Contains("Idempotency-Replayed", ResponseHeaders(create, "201"));
        Assert.Equal(["Idempotency-Key"], Headers(Operation("/import", "post")));

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("current", out _));
    }
}
