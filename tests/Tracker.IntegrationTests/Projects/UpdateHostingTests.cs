using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>Its own host: the manifest answers for every release of the database.</summary>
public sealed class UpdateHostingTests : IAsyncLifetime
{
    private const string Base = ProjectsApi.Base;

    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient client, string version, byte[] package, bool mandatory = false, string? sha256 = null, string notes = "What changed")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(version), "version" },
            { new StringContent(notes), "notes" },
            { new StringContent(mandatory ? "true" : "false"), "mandatory" },
            { new StringContent(sha256 ?? Convert.ToHexStringLower(SHA256.HashData(package))), "sha256" },
        };
        var file = new ByteArrayContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "package", $"Tracker-{version}.msi");
        return await client.PostAsync($"{Base}/updates", form);
    }

    private string[] StoredPackages() =>
        [.. Directory.EnumerateFiles(Path.Combine(_fixture.App.Database.DataDirectory, "projects", "releases"), "*", SearchOption.AllDirectories)];

    [Fact]
    public async Task Desktop_clients_read_the_manifest_and_download_the_package_it_describes_without_signing_in()
    {
        using var admin = await _fixture.App.AdminAsync();
        var anonymous = _fixture.App.CreateClient();
        await Http.ExpectProblemAsync(await anonymous.GetAsync($"{Base}/updates/manifest"), HttpStatusCode.NotFound, "ERR_PROJECTS_NO_RELEASE");

        await Http.ExpectAsync(await PublishAsync(admin, "1.0.0", RandomNumberGenerator.GetBytes(10_000), mandatory: true), HttpStatusCode.Created);
        var package = RandomNumberGenerator.GetBytes(300_000);
        var published = await Http.ReadAsync<JsonElement>(await PublishAsync(admin, "1.1.0", package, notes: "Faster lists"), HttpStatusCode.Created);
        await Http.ExpectAsync(await PublishAsync(admin, "1.10.0-rc.1", RandomNumberGenerator.GetBytes(1_000)), HttpStatusCode.Created);
        Assert.Equal("Tracker-1.1.0.msi", published.GetProperty("fileName").GetString());

        var manifest = await Http.ReadAsync<JsonElement>(await anonymous.GetAsync($"{Base}/updates/manifest"));
        var latest = manifest.GetProperty("latest");
        Assert.Equal("1.1.0", latest.GetProperty("version").GetString());
        Assert.Equal("Faster lists", latest.GetProperty("notes").GetString());
        Assert.Equal(package.Length, latest.GetProperty("size").GetInt64());
        Assert.False(manifest.GetProperty("mandatory").GetBoolean());

        var url = new Uri(latest.GetProperty("downloadUrl").GetString()!);
        Assert.True(url.IsAbsoluteUri);
        Assert.Equal($"{Base}/updates/1.1.0/package", url.AbsolutePath);
        var download = await anonymous.GetAsync(url.PathAndQuery);
        await Http.ExpectAsync(download, HttpStatusCode.OK);
        var downloaded = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(latest.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(downloaded)));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Tracker-1.1.0.msi", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        // An interrupted download resumes where it stopped.
        var resume = new HttpRequestMessage(HttpMethod.Get, url.PathAndQuery);
        resume.Headers.Range = new RangeHeaderValue(200_000, null);
        var rest = await anonymous.SendAsync(resume);
        await Http.ExpectAsync(rest, HttpStatusCode.PartialContent);
        Assert.Equal(package[200_000..], await rest.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_manifest_says_whether_a_client_must_update_from_its_version()
    {
        using var admin = await _fixture.App.AdminAsync();
        var anonymous = _fixture.App.CreateClient();
        await Http.ExpectAsync(await PublishAsync(admin, "2.0.0", [1], mandatory: true), HttpStatusCode.Created);
        await Http.ExpectAsync(await PublishAsync(admin, "2.1.0", [2]), HttpStatusCode.Created);
        await Http.ExpectAsync(await PublishAsync(admin, "3.0.0-beta.2", [3]), HttpStatusCode.Created);
        await Http.ExpectAsync(await PublishAsync(admin, "3.0.0-beta.10", [4]), HttpStatusCode.Created);

        async Task<(string? Latest, bool Available, bool Mandatory)> ManifestAsync(string query)
        {
            var m = await Http.ReadAsync<JsonElement>(await anonymous.GetAsync($"{Base}/updates/manifest?{query}"));
            return (m.GetProperty("latest").GetProperty("version").GetString(), m.GetProperty("updateAvailable").GetBoolean(), m.GetProperty("mandatory").GetBoolean());
        }

        Assert.Equal(("2.1.0", true, true), await ManifestAsync("currentVersion=1.9.9"));
        Assert.Equal(("2.1.0", true, false), await ManifestAsync("currentVersion=2.0.0"));
        Assert.Equal(("2.1.0", false, false), await ManifestAsync("currentVersion=2.1.0"));
        Assert.Equal(("3.0.0-beta.10", true, false), await ManifestAsync("currentVersion=2.1.0&includePreReleases=true"));
        await Http.ExpectProblemAsync(await anonymous.GetAsync($"{Base}/updates/manifest?currentVersion=2.1"), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        // Withdrawing the latest release offers the one before it.
        await Http.ExpectAsync(await admin.DeleteAsync($"{Base}/updates/2.1.0"), HttpStatusCode.NoContent);
        Assert.Equal(("2.0.0", false, false), await ManifestAsync("currentVersion=2.0.0"));
        await Http.ExpectProblemAsync(await anonymous.GetAsync($"{Base}/updates/2.1.0/package"), HttpStatusCode.NotFound, "ERR_PROJECTS_RELEASE_NOT_FOUND");
    }

    [Fact]
    public async Task A_package_that_does_not_match_its_hash_or_a_taken_version_leaves_nothing_behind()
    {
        using var admin = await _fixture.App.AdminAsync();
        await Http.ExpectAsync(await PublishAsync(admin, "4.0.0", [1, 2, 3]), HttpStatusCode.Created);
        var before = StoredPackages();
        var releasesBefore = (await Http.ReadAsync<JsonElement>(await admin.GetAsync($"{Base}/updates"))).GetProperty("items").GetArrayLength();

        var wrongHash = Convert.ToHexStringLower(SHA256.HashData([9]));
        var mismatch = await Http.ExpectProblemAsync(await PublishAsync(admin, "4.1.0", [1, 2, 3, 4], sha256: wrongHash), HttpStatusCode.UnprocessableEntity, "ERR_PROJECTS_RELEASE_HASH_MISMATCH");
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData([1, 2, 3, 4])), mismatch.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Http.ExpectProblemAsync(await PublishAsync(admin, "4.0.0", [5]), HttpStatusCode.Conflict, "ERR_PROJECTS_RELEASE_VERSION_TAKEN");
        await Http.ExpectProblemAsync(await PublishAsync(admin, "4.0.0+build.7", [5]), HttpStatusCode.Conflict, "ERR_PROJECTS_RELEASE_VERSION_TAKEN");
        await Http.ExpectProblemAsync(await PublishAsync(admin, "4.2", [5]), HttpStatusCode.BadRequest, "ERR_VALIDATION");
        await Http.ExpectProblemAsync(await PublishAsync(admin, "04.2.0", [5]), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.Equal(before, StoredPackages());
        Assert.Equal(releasesBefore, (await Http.ReadAsync<JsonElement>(await admin.GetAsync($"{Base}/updates"))).GetProperty("items").GetArrayLength());
        await Http.ExpectProblemAsync(await _fixture.App.CreateClient().GetAsync($"{Base}/updates/4.1.0/package"), HttpStatusCode.NotFound, "ERR_PROJECTS_RELEASE_NOT_FOUND");
    }

    [Fact]
    public async Task Only_admins_publish_list_and_withdraw_releases()
    {
        var username = string.Create(CultureInfo.InvariantCulture, $"m{Guid.NewGuid():N}")[..16];
        await _fixture.App.CreateUserAsync(username, "manager");
        using var manager = await _fixture.App.SignInAsync(username, TrackerApp.PasswordOf(username));

        await Http.ExpectProblemAsync(await PublishAsync(manager, "5.0.0", [1]), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await Http.ExpectProblemAsync(await manager.GetAsync($"{Base}/updates"), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await Http.ExpectProblemAsync(await manager.DeleteAsync($"{Base}/updates/5.0.0"), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await Http.ExpectProblemAsync(await _fixture.App.CreateClient().GetAsync($"{Base}/updates"), HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
    }
}
