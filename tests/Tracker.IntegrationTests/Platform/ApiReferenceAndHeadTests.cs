using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.IntegrationTests.Miniatures;

namespace Tracker.IntegrationTests.Platform;

/// <summary>Paper cuts of issue 8: <c>/</c> leads to the API reference, and HEAD works wherever GET does.</summary>
public sealed class ApiReferenceAndHeadTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    private HttpClient NonRedirectingClient() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Root_redirects_to_the_api_reference()
    {
        var response = await NonRedirectingClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/scalar", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task Head_answers_like_get_without_a_body(string path)
    {
        var client = _app.CreateClient();

        var get = await client.GetAsync(path);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        await Http.ExpectAsync(head, get.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        Assert.True(head.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task Head_on_the_root_redirects_too()
    {
        var response = await NonRedirectingClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/scalar", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Head_on_a_versioned_resource_gives_its_ETag_and_honours_If_None_Match()
    {
        using var admin = await _app.AdminAsync();
        var type = await new MiniaturesApi(admin).CreateAsync("Head Knights", 3);
        var path = $"{MiniaturesApi.Base}/types/{type.Id}";
        var get = await admin.GetAsync(path);

        var head = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var conditional = new HttpRequestMessage(HttpMethod.Head, path);
        conditional.Headers.IfNoneMatch.Add(get.Headers.ETag!);
        var notModified = await admin.SendAsync(conditional);

        await Http.ExpectAsync(head, HttpStatusCode.OK);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        await Http.ExpectAsync(notModified, HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Head_is_secured_like_get_and_refused_where_there_is_no_get()
    {
        var anonymous = await _app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{MiniaturesApi.Base}/types"));
        var postOnly = await _app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/identity/login"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postOnly.StatusCode);
        Assert.Empty(await anonymous.Content.ReadAsByteArrayAsync());
    }
}

/// <summary>A host with a public address configured and the API reference switched off.</summary>
public sealed class PublicAddressFixture : AppFixture
{
    public const string PublicBaseUrl = "https://tracker.example.com/base";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Http:PublicBaseUrl"] = PublicBaseUrl + "/",
        ["Http:ApiReference"] = "false",
    };
}

public sealed class PublicAddressTests(PublicAddressFixture fixture) : IClassFixture<PublicAddressFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Servers_come_from_Http_PublicBaseUrl()
    {
        var document = await Http.ReadAsync<JsonElement>(await _app.CreateClient().GetAsync("/openapi/v1.json"));

        var server = Assert.Single(document.GetProperty("servers").EnumerateArray());
        Assert.Equal(PublicAddressFixture.PublicBaseUrl, server.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Without_the_api_reference_neither_scalar_nor_the_root_redirect_exist()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await Http.ExpectProblemAsync(await client.GetAsync("/"), HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await Http.ExpectProblemAsync(await client.GetAsync("/scalar"), HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await Http.ExpectAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
    }
}
