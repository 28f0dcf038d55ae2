using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.IntegrationTests.Projects;

public sealed class AttachmentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = ProjectsApi.Base;

    private readonly TrackerApp _app = fixture.App;

    private async Task<(ProjectsApi Api, Guid ProjectId)> ProjectAsync()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var category = await api.CreateCategoryAsync($"Files {Guid.NewGuid():N}");
        return (api, (await api.CreateProjectAsync(category.Id(), $"AT-{Guid.NewGuid():N}"[..14])).Id());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string owner, string fileName, byte[] bytes, string contentType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync($"{Base}/attachments?{owner}&fileName={Uri.EscapeDataString(fileName)}", content);
    }

    private string StoredPathOf(Guid id) => _app.Services.GetRequiredService<ProjectFiles>().Attachments.PathOf(id);

    [Fact]
    public async Task A_file_goes_up_and_comes_back_whole_and_by_range_with_its_hash_as_etag()
    {
        var (api, projectId) = await ProjectAsync();
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var uploaded = await UploadAsync(api.Client, $"projectId={projectId}", "Отчёт за май.pdf", bytes, "application/pdf");
        var attachment = await Http.ReadAsync<JsonElement>(uploaded, HttpStatusCode.Created);

        Assert.Equal("Отчёт за май.pdf", attachment.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Equal(bytes.Length, attachment.GetProperty("size").GetInt64());
        Assert.Equal(sha256, attachment.GetProperty("sha256").GetString());
        Assert.Equal(projectId, attachment.GetProperty("projectId").GetGuid());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("stepId").ValueKind);
        var id = attachment.Id();
        Assert.Equal($"{Base}/attachments/{id}", uploaded.Headers.Location?.OriginalString);

        var whole = await api.Client.GetAsync($"{Base}/attachments/{id}/content");
        await Http.ExpectAsync(whole, HttpStatusCode.OK);
        Assert.Equal(bytes, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", whole.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Отчёт за май.pdf", whole.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal($"\"{sha256}\"", whole.Headers.ETag?.Tag);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());

        var range = new HttpRequestMessage(HttpMethod.Get, $"{Base}/attachments/{id}/content");
        range.Headers.Range = new RangeHeaderValue(1000, 1999);
        var partial = await api.Client.SendAsync(range);
        await Http.ExpectAsync(partial, HttpStatusCode.PartialContent);
        Assert.Equal(bytes[1000..2000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 1000-1999/{bytes.Length}", partial.Content.Headers.ContentRange?.ToString());

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Base}/attachments/{id}/content");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha256}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await api.Client.SendAsync(conditional)).StatusCode);

        var outside = new HttpRequestMessage(HttpMethod.Get, $"{Base}/attachments/{id}/content");
        outside.Headers.Range = new RangeHeaderValue(bytes.Length + 10, bytes.Length + 20);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await api.Client.SendAsync(outside)).StatusCode);

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(StoredPathOf(id)))));
    }

    [Fact]
    public async Task A_name_that_climbs_out_of_the_folder_is_only_a_name_and_a_page_is_only_ever_a_download()
    {
        var (api, projectId) = await ProjectAsync();
        var page = "<script>alert(document.cookie)</script>"u8.ToArray();

        var attachment = await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "../../etc/passwd", page, "text/html"), HttpStatusCode.Created);
        var windows = await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "..\\..\\boot.ini", page, "text/html"), HttpStatusCode.Created);

        Assert.Equal("passwd", attachment.GetProperty("fileName").GetString());
        Assert.Equal("boot.ini", windows.GetProperty("fileName").GetString());
        var stored = StoredPathOf(attachment.Id());
        Assert.StartsWith(Path.Combine(_app.Database.DataDirectory, "projects", "attachments"), stored, StringComparison.Ordinal);
        Assert.Equal(page, await File.ReadAllBytesAsync(stored));
        Assert.DoesNotContain(Directory.EnumerateFiles(_app.Database.DataDirectory, "*", SearchOption.AllDirectories), f => Path.GetFileName(f) is "passwd" or "boot.ini");

        var download = await api.Client.GetAsync($"{Base}/attachments/{attachment.Id()}/content");
        await Http.ExpectAsync(download, HttpStatusCode.OK);
        Assert.Equal("text/html", attachment.GetProperty("contentType").GetString());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        await Http.ExpectProblemAsync(await UploadAsync(api.Client, $"projectId={projectId}", "../..", page, "text/plain"), HttpStatusCode.BadRequest, "ERR_VALIDATION");
        await Http.ExpectProblemAsync(await UploadAsync(api.Client, $"projectId={projectId}", "a\u0000b", page, "text/plain"), HttpStatusCode.BadRequest, "ERR_VALIDATION");
    }

    [Fact]
    public async Task A_file_above_the_workspace_limit_is_refused_and_leaves_nothing()
    {
        var (api, projectId) = await ProjectAsync();
        var workspace = await api.Client.GetAsync($"{Base}/workspace");
        var settings = await Http.ReadAsync<Dictionary<string, object?>>(workspace);
        var original = settings["maxAttachmentBytes"];
        settings["maxAttachmentBytes"] = 4096;
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/workspace", settings), HttpStatusCode.OK);
        try
        {
            var before = IncomingFiles();
            var problem = await Http.ExpectProblemAsync(await UploadAsync(api.Client, $"projectId={projectId}", "big.bin", new byte[4097], "application/octet-stream"), HttpStatusCode.RequestEntityTooLarge, "ERR_PROJECTS_ATTACHMENT_TOO_LARGE");
            Assert.Contains("4096", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // Without a Content-Length the body is read until it passes the limit, then refused the same way.
            using var chunked = new StreamContent(new MemoryStream(new byte[10_000]));
            var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/attachments?projectId={projectId}&fileName=big.bin") { Content = chunked };
            request.Headers.TransferEncodingChunked = true;
            await Http.ExpectProblemAsync(await api.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "ERR_PROJECTS_ATTACHMENT_TOO_LARGE");

            await Http.ExpectAsync(await UploadAsync(api.Client, $"projectId={projectId}", "fits.bin", new byte[4096], "application/octet-stream"), HttpStatusCode.Created);
            var list = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/attachments?projectId={projectId}"));
            Assert.Equal(["fits.bin"], list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()));
            Assert.Equal(before, IncomingFiles());
        }
        finally
        {
            settings["maxAttachmentBytes"] = original;
            await api.Client.PutAsJsonAsync($"{Base}/workspace", settings);
        }

        string[] IncomingFiles() => [.. Directory.EnumerateFiles(Path.Combine(_app.Database.DataDirectory, "projects", "attachments", "incoming"))];
    }

    [Fact]
    public async Task Step_files_are_listed_with_the_project_and_go_with_their_step()
    {
        var (api, projectId) = await ProjectAsync();
        var step = await api.AddStepAsync(projectId, "Drawings");
        var onProject = await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "cover.png", [1, 2, 3], "image/png"), HttpStatusCode.Created);
        var onStep = await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"stepId={step.Id()}", "plan.dwg", [4, 5, 6], "application/acad"), HttpStatusCode.Created);
        Assert.Equal(projectId, onStep.GetProperty("projectId").GetGuid());
        Assert.Equal(step.Id(), onStep.GetProperty("stepId").GetGuid());

        async Task<List<string?>> NamesAsync(string query) =>
            [.. (await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{Base}/attachments?projectId={projectId}{query}"))).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("fileName").GetString())];
        Assert.Equal(["cover.png", "plan.dwg"], await NamesAsync(string.Empty));
        Assert.Equal(["plan.dwg"], await NamesAsync($"&stepId={step.Id()}"));
        Assert.Equal(["cover.png"], await NamesAsync("&projectOnly=true"));

        await Http.ExpectAsync(await api.Client.DeleteAsync($"{Base}/steps/{step.Id()}"), HttpStatusCode.NoContent);
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/attachments/{onStep.Id()}"), HttpStatusCode.NotFound, "ERR_PROJECTS_ATTACHMENT_NOT_FOUND");
        Assert.False(File.Exists(StoredPathOf(onStep.Id())));
        Assert.Equal(["cover.png"], await NamesAsync(string.Empty));

        await Http.ExpectAsync(await api.Client.DeleteAsync($"{Base}/projects/{projectId}"), HttpStatusCode.NoContent);
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/attachments/{onProject.Id()}"), HttpStatusCode.NotFound, "ERR_PROJECTS_ATTACHMENT_NOT_FOUND");
        Assert.False(File.Exists(StoredPathOf(onProject.Id())));

        await Http.ExpectProblemAsync(await UploadAsync(api.Client, $"stepId={step.Id()}", "late.txt", [1], "text/plain"), HttpStatusCode.NotFound, "ERR_PROJECTS_STEP_NOT_FOUND");
        await Http.ExpectProblemAsync(await UploadAsync(api.Client, $"projectId={projectId}&stepId={step.Id()}", "both.txt", [1], "text/plain"), HttpStatusCode.BadRequest, "ERR_VALIDATION");
    }

    [Fact]
    public async Task Workers_attach_rename_and_delete_files_and_a_stale_version_is_refused()
    {
        var (api, projectId) = await ProjectAsync();
        var username = $"w{Guid.NewGuid():N}"[..16];
        await _app.CreateUserAsync(username, "worker");
        using var worker = await _app.SignInAsync(username, TrackerApp.PasswordOf(username));

        var uploaded = await UploadAsync(worker, $"projectId={projectId}", "photo.jpg", [9, 9, 9], "image/jpeg");
        var attachment = await Http.ReadAsync<JsonElement>(uploaded, HttpStatusCode.Created);
        Assert.Equal(username, attachment.GetProperty("uploadedByName").GetString());
        var etag = uploaded.Headers.ETag!.Tag;

        var renamed = await worker.PutAsJsonAsync($"{Base}/attachments/{attachment.Id()}", new { fileName = "site photo.jpg" });
        Assert.Equal("site photo.jpg", (await Http.ReadAsync<JsonElement>(renamed)).GetProperty("fileName").GetString());

        var stale = new HttpRequestMessage(HttpMethod.Delete, $"{Base}/attachments/{attachment.Id()}");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var refused = await Http.ExpectProblemAsync(await worker.SendAsync(stale), HttpStatusCode.PreconditionFailed, "ERR_VERSION_MISMATCH");
        Assert.Equal("site photo.jpg", refused.GetProperty("current").GetProperty("fileName").GetString());
        Assert.True(File.Exists(StoredPathOf(attachment.Id())));

        await Http.ExpectAsync(await worker.DeleteAsync($"{Base}/attachments/{attachment.Id()}"), HttpStatusCode.NoContent);
        Assert.False(File.Exists(StoredPathOf(attachment.Id())));
        await Http.ExpectProblemAsync(await worker.GetAsync($"{Base}/attachments/{attachment.Id()}/content"), HttpStatusCode.NotFound, "ERR_PROJECTS_ATTACHMENT_NOT_FOUND");
    }

    [Fact]
    public async Task Start_up_deletes_files_left_without_a_row_and_unfinished_uploads_but_keeps_the_rest()
    {
        var (api, projectId) = await ProjectAsync();
        var kept = await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "kept.txt", [1, 2], "text/plain"), HttpStatusCode.Created);
        var orphan = StoredPathOf(Guid.NewGuid());
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllBytesAsync(orphan, [3]);
        var unfinished = Path.Combine(_app.Database.DataDirectory, "projects", "attachments", "incoming", $"{Guid.NewGuid():N}.part");
        await File.WriteAllBytesAsync(unfinished, [4]);

        await _app.InScopeAsync(async sp =>
        {
            await sp.GetServices<Tracker.BuildingBlocks.Persistence.IStartupTask>().OfType<OrphanFileSweep>().Single().RunAsync(CancellationToken.None);
            return true;
        });

        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(unfinished));
        Assert.True(File.Exists(StoredPathOf(kept.Id())));
        var download = await api.Client.GetAsync($"{Base}/attachments/{kept.Id()}/content");
        Assert.Equal([1, 2], await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_project_takes_one_of_its_own_images_as_its_cover_and_loses_it_with_the_file()
    {
        var (api, projectId) = await ProjectAsync();
        var (_, otherProjectId) = await ProjectAsync();
        var step = await api.AddStepAsync(projectId, "Survey");
        var photo = (await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "front.png", [1, 2, 3], "image/png"), HttpStatusCode.Created)).Id();
        var notes = (await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "notes.txt", [1], "text/plain"), HttpStatusCode.Created)).Id();
        var stepPhoto = (await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"stepId={step.Id()}", "pit.jpg", [4], "image/jpeg"), HttpStatusCode.Created)).Id();
        var otherPhoto = (await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={otherProjectId}", "other.webp", [5], "image/webp"), HttpStatusCode.Created)).Id();
        var before = await api.Client.GetAsync($"{Base}/projects/{projectId}");
        Assert.Equal(JsonValueKind.Null, (await Http.ReadAsync<JsonElement>(before)).GetProperty("coverAttachmentId").ValueKind);

        var set = await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = photo });
        Assert.Equal(photo, (await Http.ReadAsync<JsonElement>(set)).GetProperty("coverAttachmentId").GetGuid());
        Assert.NotEqual(before.Headers.ETag, set.Headers.ETag);
        Assert.Equal(photo, (await api.ProjectAsync(projectId)).GetProperty("coverAttachmentId").GetGuid());

        foreach (var unusable in new[] { notes, stepPhoto, otherPhoto })
        {
            await Http.ExpectProblemAsync(
                await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = unusable }), HttpStatusCode.UnprocessableEntity, "ERR_PROJECTS_COVER_NOT_USABLE");
        }

        await Http.ExpectProblemAsync(
            await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = Guid.NewGuid() }), HttpStatusCode.NotFound, "ERR_PROJECTS_ATTACHMENT_NOT_FOUND");
        var stale = new HttpRequestMessage(HttpMethod.Put, $"{Base}/projects/{projectId}/cover") { Content = JsonContent.Create(new { attachmentId = (Guid?)null }) };
        stale.Headers.IfMatch.Add(before.Headers.ETag!);
        await Http.ExpectProblemAsync(await api.Client.SendAsync(stale), HttpStatusCode.PreconditionFailed, "ERR_VERSION_MISMATCH");
        Assert.Equal(photo, (await api.ProjectAsync(projectId)).GetProperty("coverAttachmentId").GetGuid());

        await Http.ExpectAsync(await api.Client.DeleteAsync($"{Base}/attachments/{photo}"), HttpStatusCode.NoContent);
        Assert.Equal(JsonValueKind.Null, (await api.ProjectAsync(projectId)).GetProperty("coverAttachmentId").ValueKind);

        var second = (await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "back.gif", [6], "image/gif"), HttpStatusCode.Created)).Id();
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = second }), HttpStatusCode.OK);
        var cleared = await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = (Guid?)null });
        Assert.Equal(JsonValueKind.Null, (await Http.ReadAsync<JsonElement>(cleared)).GetProperty("coverAttachmentId").ValueKind);

        // A project is deleted with its files, its cover among them.
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = second }), HttpStatusCode.OK);
        await Http.ExpectAsync(await api.Client.DeleteAsync($"{Base}/projects/{projectId}"), HttpStatusCode.NoContent);
        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{Base}/attachments/{second}"), HttpStatusCode.NotFound, "ERR_PROJECTS_ATTACHMENT_NOT_FOUND");
    }

    [Fact]
    public async Task A_cover_set_while_its_file_is_deleted_never_points_at_a_deleted_file()
    {
        var (api, projectId) = await ProjectAsync();
        for (var round = 0; round < 8; round++)
        {
            var photo = (await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", $"photo{round}.png", [1], "image/png"), HttpStatusCode.Created)).Id();

            var set = api.Client.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = photo });
            var delete = api.Client.DeleteAsync($"{Base}/attachments/{photo}");
            await Task.WhenAll(set, delete);

            Assert.Contains((await set).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound });
            Assert.Contains((await delete).StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Conflict });
            var cover = (await api.ProjectAsync(projectId)).GetProperty("coverAttachmentId");
            var fileKept = (await api.Client.GetAsync($"{Base}/attachments/{photo}")).StatusCode == HttpStatusCode.OK;
            Assert.Equal(fileKept, (await delete).StatusCode == HttpStatusCode.Conflict);
            Assert.True(cover.ValueKind == JsonValueKind.Null || (fileKept && cover.GetGuid() == photo), $"round {round}: cover {cover}, file kept {fileKept}");
        }
    }

    [Fact]
    public async Task A_worker_cannot_set_a_cover()
    {
        var (api, projectId) = await ProjectAsync();
        var photo = (await Http.ReadAsync<JsonElement>(await UploadAsync(api.Client, $"projectId={projectId}", "front.png", [1], "image/png"), HttpStatusCode.Created)).Id();
        var username = $"w{Guid.NewGuid():N}"[..16];
        await _app.CreateUserAsync(username, "worker");
        using var worker = await _app.SignInAsync(username, TrackerApp.PasswordOf(username));

        await Http.ExpectProblemAsync(await worker.PutAsJsonAsync($"{Base}/projects/{projectId}/cover", new { attachmentId = photo }), HttpStatusCode.Forbidden, "ERR_FORBIDDEN");

        Assert.Equal(JsonValueKind.Null, (await api.ProjectAsync(projectId)).GetProperty("coverAttachmentId").ValueKind);
    }
}
