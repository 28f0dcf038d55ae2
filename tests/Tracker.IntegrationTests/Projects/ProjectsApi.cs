using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Projects;

/// <summary>The Projects routes a test needs, with the answers read as JSON.</summary>
public sealed class ProjectsApi(HttpClient client)
{
    public const string Base = "/api/v1/projects";

    public HttpClient Client { get; } = client;

    public async Task<JsonElement> CreateCategoryAsync(string name, int sortOrder = 0) =>
        await Http.ReadAsync<JsonElement>(await Client.PostAsJsonAsync($"{Base}/categories", new { name, sortOrder }), HttpStatusCode.Created);

    public async Task<JsonElement> CreateProjectAsync(Guid categoryId, string code, decimal? inProgressCoefficient = null, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["categoryId"] = categoryId, ["code"] = code, ["name"] = $"Project {code}" };
        if (inProgressCoefficient is { } coefficient)
        {
            body["inProgressCoefficient"] = coefficient;
        }

        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        return await Http.ReadAsync<JsonElement>(await Client.PostAsJsonAsync($"{Base}/projects", body), HttpStatusCode.Created);
    }

    public async Task<JsonElement> AddStepAsync(Guid projectId, string name, string status = "todo", decimal weight = 1) =>
        await Http.ReadAsync<JsonElement>(await Client.PostAsJsonAsync($"{Base}/projects/{projectId}/steps", new { name, status, weight }), HttpStatusCode.Created);

    public async Task<JsonElement> AddSubtaskAsync(Guid stepId, string name, string status = "todo", decimal weight = 1) =>
        await Http.ReadAsync<JsonElement>(await Client.PostAsJsonAsync($"{Base}/steps/{stepId}/subtasks", new { name, status, weight }), HttpStatusCode.Created);

    public async Task<JsonElement> ProjectAsync(Guid id) => await Http.ReadAsync<JsonElement>(await Client.GetAsync($"{Base}/projects/{id}"));

    public async Task<decimal> ProgressAsync(Guid projectId) => (await ProjectAsync(projectId)).GetProperty("progress").GetDecimal();

    public async Task<JsonElement> ReplaceCharacteristicsAsync(Guid projectId, params object[] rows) =>
        await Http.ReadAsync<JsonElement>(await Client.PutAsJsonAsync($"{Base}/projects/{projectId}/characteristics", new { items = rows }));

    /// <summary>The table as (parameter, value, unit) rows, in order.</summary>
    public async Task<List<(string? Parameter, string? Value, string? Unit)>> CharacteristicsAsync(Guid projectId) =>
        Rows(await Http.ReadAsync<JsonElement>(await Client.GetAsync($"{Base}/projects/{projectId}/characteristics")));

    public static List<(string? Parameter, string? Value, string? Unit)> Rows(JsonElement table) =>
        [.. table.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("parameter").GetString(), r.GetProperty("value").GetString(), r.GetProperty("unit").GetString()))];

    /// <summary>POST …/characteristics/import with the body as sent (JSON text or workbook bytes).</summary>
    public Task<HttpResponseMessage> ImportCharacteristicsAsync(Guid projectId, HttpContent body, bool? dryRun = null) =>
        Client.PostAsync($"{Base}/projects/{projectId}/characteristics/import{(dryRun is { } dry ? $"?dryRun={(dry ? "true" : "false")}" : "")}", body);
}

public static class JsonIds
{
    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();
}
