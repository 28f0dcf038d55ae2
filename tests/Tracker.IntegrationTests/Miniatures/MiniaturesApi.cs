using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Miniatures;

public sealed record Counts(
    [property: System.Text.Json.Serialization.JsonPropertyName("IN_BOX")] int InBox,
    [property: System.Text.Json.Serialization.JsonPropertyName("BUILDING")] int Building,
    [property: System.Text.Json.Serialization.JsonPropertyName("PRIMING")] int Priming,
    [property: System.Text.Json.Serialization.JsonPropertyName("PAINTING")] int Painting,
    [property: System.Text.Json.Serialization.JsonPropertyName("DONE")] int Done);

public sealed record TypeDto(Guid Id, string Name, Counts Counts, int Total, DateTimeOffset CreatedAt);

public sealed record TypeList(List<TypeDto> Items, string? NextCursor);

public sealed record GroupDto(Guid TypeId, string TypeName, string? FromStage, string ToStage, int Qty, int Entries, DateTimeOffset Timestamp);

public sealed record HistoryPage(List<GroupDto> Items, string? NextCursor);

/// <summary>The Miniatures API as a client uses it.</summary>
public sealed class MiniaturesApi(HttpClient client)
{
    public const string Base = "/api/v1/miniatures";

    public HttpClient Client { get; } = client;

    public async Task<TypeDto> CreateAsync(string name, int initialQuantity = 0) =>
        await Http.ReadAsync<TypeDto>(await Client.PostAsJsonAsync($"{Base}/types", new { name, initialQuantity }), HttpStatusCode.Created);

    public Task<HttpResponseMessage> MoveAsync(Guid id, string from, string to, int qty) =>
        Client.PostAsJsonAsync($"{Base}/types/{id}/move", new { fromStage = from, toStage = to, qty });

    public async Task<TypeDto> MovedAsync(Guid id, string from, string to, int qty) =>
        await Http.ReadAsync<TypeDto>(await MoveAsync(id, from, to, qty));

    public async Task<TypeDto> GetAsync(Guid id) => await Http.ReadAsync<TypeDto>(await Client.GetAsync($"{Base}/types/{id}"));

    public async Task<HistoryPage> TypeHistoryAsync(Guid id, int limit = 50, string? cursor = null) =>
        await Http.ReadAsync<HistoryPage>(await Client.GetAsync($"{Base}/types/{id}/history?limit={limit}{(cursor is null ? string.Empty : "&cursor=" + cursor)}"));

    public async Task<HistoryPage> HistoryAsync(int limit = 50, string? cursor = null) =>
        await Http.ReadAsync<HistoryPage>(await Client.GetAsync($"{Base}/history?limit={limit}{(cursor is null ? string.Empty : "&cursor=" + cursor)}"));

    public async Task<JsonElement> ExportAsync() => await Http.ReadAsync<JsonElement>(await Client.GetAsync($"{Base}/export"));

    public Task<HttpResponseMessage> ImportAsync(string json, bool dryRun = false) =>
        Client.PostAsync($"{Base}/import?dryRun={dryRun.ToString().ToLowerInvariant()}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>An export without its timestamp: two equal states give equal strings.</summary>
    public async Task<string> StateAsync()
    {
        var export = await ExportAsync();
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(export.GetRawText())!;
        copy.Remove("exportedAt");
        return JsonSerializer.Serialize(copy);
    }
}
