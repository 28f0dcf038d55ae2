using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Platform;

/// <summary>Whatever goes wrong, the client gets RFC 9457 problem+json with a code, localised texts and the trace id.</summary>
public sealed class ProblemDetailsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Unknown_route_is_404_problem()
    {
        await Http.ExpectProblemAsync(await _app.CreateClient().GetAsync("/api/v1/no-such-module/things"), HttpStatusCode.NotFound, "ERR_NOT_FOUND");
    }

    [Fact]
    public async Task Wrong_method_is_405_problem()
    {
        await Http.ExpectProblemAsync(await _app.CreateClient().DeleteAsync("/api/v1/identity/login"), HttpStatusCode.MethodNotAllowed, "ERR_METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Wrong_content_type_is_415_problem()
    {
        var response = await _app.CreateClient().PostAsync("/api/v1/identity/login", new StringContent("username=admin", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Http.ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "ERR_UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("{\"username\":")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_json_is_400_problem(string body)
    {
        var response = await _app.CreateClient().PostAsync("/api/v1/identity/login", new StringContent(body, Encoding.UTF8, "application/json"));
        await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_JSON");
    }

    [Fact]
    public async Task Well_formed_json_with_a_wrongly_typed_field_is_a_field_error()
    {
        var response = await _app.CreateClient().PostAsync("/api/v1/identity/login", new StringContent("{\"username\": 42, \"password\": true}", Encoding.UTF8, "application/json"));

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_VALIDATION");
        Assert.True(problem.GetProperty("errors").TryGetProperty("username", out _), problem.ToString());
    }

    [Fact]
    public async Task Oversized_body_is_413_problem()
    {
        var huge = new string('x', 100_000);
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = huge, password = huge });
        await Http.ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "ERR_PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Unhandled_exception_is_500_problem_without_internals()
    {
        var response = await _app.CreateClient().GetAsync(TrackerApp.BoomPath);

        await Http.ExpectProblemAsync(response, HttpStatusCode.InternalServerError, "ERR_INTERNAL");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_localised_in_russian_and_fall_back_to_english()
    {
        var russian = _app.CreateClient();
        russian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var german = _app.CreateClient();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var ru = await Http.ExpectProblemAsync(await russian.GetAsync("/api/v1/nowhere"), HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        var de = await Http.ExpectProblemAsync(await german.GetAsync("/api/v1/nowhere"), HttpStatusCode.NotFound, "ERR_NOT_FOUND");

        Assert.Equal("Не найдено", ru.GetProperty("title").GetString());
        Assert.Equal("Not found", de.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_a_valid_one_is_echoed()
    {
        var client = _app.CreateClient();
        var generated = await client.GetAsync("/health/live");
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Request-Id").Single());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nowhere");
        request.Headers.Add("X-Request-Id", "client-req-123");
        var echoed = await client.SendAsync(request);
        Assert.Equal("client-req-123", echoed.Headers.GetValues("X-Request-Id").Single());
        var problem = await Http.ExpectProblemAsync(echoed, HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        Assert.Equal("client-req-123", problem.GetProperty("requestId").GetString());

        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        hostile.Headers.TryAddWithoutValidation("X-Request-Id", "bad id\u0001<script>");
        var replaced = await client.SendAsync(hostile);
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Request-Id").Single());
    }
}
