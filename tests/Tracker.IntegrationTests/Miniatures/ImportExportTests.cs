using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Miniatures;

public sealed class ChattyLogsFixture : AppFixture
{
    // Log everything the host would log, to prove exported data never reaches the log.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Debug" };
}

public sealed class ImportExportTests(ChattyLogsFixture fixture) : IClassFixture<ChattyLogsFixture>
{
    private readonly TrackerApp _app = fixture.App;

    private async Task<MiniaturesApi> ApiAsync() => new(await _app.AdminAsync());

    [Fact]
    public async Task Export_is_a_versioned_document_with_counts_and_raw_history()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Exported Dreadnought", 4);
        await api.MovedAsync(type.Id, "IN_BOX", "PAINTING", 3);

        var export = await api.ExportAsync();

        Assert.Equal("tracker.miniatures", export.GetProperty("format").GetString());
        Assert.Equal(1, export.GetProperty("version").GetInt32());
        var exported = export.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Exported Dreadnought");
        Assert.Equal(3, exported.GetProperty("counts").GetProperty("PAINTING").GetInt32());
        var history = exported.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("fromStage").ValueKind);
        Assert.Equal("PAINTING", history[1].GetProperty("toStage").GetString());
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_reproduces_the_same_state()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Round Trip Squad", 9);
        await api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 4);
        await api.MovedAsync(type.Id, "BUILDING", "DONE", 2);
        await api.CreateAsync("Round Trip Empty");
        var original = await api.StateAsync();
        var document = (await api.ExportAsync()).GetRawText();

        await using var database = await TestDatabase.CreateAsync();
        await using var fresh = new TrackerApp(database);
        var freshApi = new MiniaturesApi(await fresh.AdminAsync());
        await Http.ExpectAsync(await freshApi.ImportAsync(document), HttpStatusCode.OK);

        Assert.Equal(original, await freshApi.StateAsync());
    }

    [Fact]
    public async Task Import_merges_by_name_adding_counts_and_appending_history()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Merge Target", 2);
        var document = Document(Type("merge target", counts: new() { ["IN_BOX"] = 3, ["DONE"] = 1 }, history: [Entry(null, "IN_BOX", 3), Entry("IN_BOX", "DONE", 1)]), Type("Merge Newcomer", counts: new() { ["PRIMING"] = 5 }, history: []));

        var summary = await Http.ReadAsync<JsonElement>(await api.ImportAsync(document));

        Assert.Equal((1, 1, 2, 9), (summary.GetProperty("typesCreated").GetInt32(), summary.GetProperty("typesMerged").GetInt32(), summary.GetProperty("historyEntriesAdded").GetInt32(), summary.GetProperty("miniaturesAdded").GetInt32()));
        var merged = await api.GetAsync(type.Id);
        Assert.Equal(new Counts(5, 0, 0, 0, 1), merged.Counts);
        Assert.Equal(3, (await api.TypeHistoryAsync(type.Id)).Items.Sum(g => g.Entries));
    }

    [Fact]
    public async Task An_import_failing_on_its_last_element_changes_nothing_and_names_every_bad_path()
    {
        var api = await ApiAsync();
        var existing = await api.CreateAsync("Untouched", 7);
        var before = await api.StateAsync();
        var document = Document(
            Type("Untouched", counts: new() { ["IN_BOX"] = 1 }, history: [Entry(null, "IN_BOX", 1)]),
            Type("Would Be New", counts: new() { ["BUILDING"] = 2 }, history: [Entry(null, "IN_BOX", 2), Entry("IN_BOX", "SHELF", 2)]));

        var response = await api.ImportAsync(document);

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_IMPORT_INVALID");
        Assert.Equal(["types[1].history[1].toStage"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await api.StateAsync());
        Assert.Equal(7, (await api.GetAsync(existing.Id)).Counts.InBox);
    }

    [Theory]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"x\",\"counts\":{\"IN_BOX\":-1}}]}", "types[0].counts.IN_BOX")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"x\",\"counts\":{\"IN_BOX\":999999999999}}]}", "types[0].counts.IN_BOX")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"x\",\"counts\":{\"ON_SHELF\":1}}]}", "types[0].counts.ON_SHELF")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"a\"},{\"name\":\" A \"}]}", "types[1].name")]
    [InlineData("{\"format\":\"something.else\",\"version\":1,\"types\":[]}", "format")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":2,\"types\":[]}", "version")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"x\",\"history\":[{\"toStage\":\"DONE\",\"qty\":1,\"at\":\"2999-01-01T00:00:00Z\"}]}]}", "types[0].history[0].at")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"x\",\"history\":[{\"fromStage\":\"DONE\",\"toStage\":\"IN_BOX\",\"qty\":1,\"at\":\"2020-01-01T00:00:00Z\"}]}]}", "types[0].history[0].toStage")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"x\",\"colour\":\"red\"}]}", "types[0].colour")]
    [InlineData("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":", "types[0].name")]
    public async Task Bad_documents_are_rejected_with_the_path_of_the_problem(string document, string path)
    {
        var api = await ApiAsync();
        var before = await api.StateAsync();

        var problem = await Http.ExpectProblemAsync(await api.ImportAsync(document), HttpStatusCode.BadRequest, "ERR_IMPORT_INVALID");

        Assert.Contains(path, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await api.StateAsync());
    }

    [Fact]
    public async Task An_import_may_be_larger_than_the_general_request_limit()
    {
        var api = await ApiAsync();
        var types = Enumerable.Range(0, 400).Select(i => Type($"Bulk Imported {i:D3} {new string('x', 70)}", counts: new() { ["IN_BOX"] = 1 }, history: [Entry(null, "IN_BOX", 1)])).ToArray();
        var document = Document(types);
        Assert.True(document.Length > 65536, "the test host's general limit is 64 KiB");

        var summary = await Http.ReadAsync<JsonElement>(await api.ImportAsync(document));

        Assert.Equal(400, summary.GetProperty("typesCreated").GetInt32());
    }

    [Fact]
    public async Task A_dry_run_reports_the_changes_and_makes_none()
    {
        var api = await ApiAsync();
        var before = await api.StateAsync();
        var document = Document(Type("Dry Run Only", counts: new() { ["DONE"] = 4 }, history: [Entry(null, "IN_BOX", 4), Entry("IN_BOX", "DONE", 4)]));

        var summary = await Http.ReadAsync<JsonElement>(await api.ImportAsync(document, dryRun: true));

        Assert.True(summary.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, summary.GetProperty("typesCreated").GetInt32());
        Assert.Equal(4, summary.GetProperty("miniaturesAdded").GetInt32());
        Assert.Equal(before, await api.StateAsync());
    }

    [Fact]
    public async Task Exported_data_never_reaches_the_log()
    {
        var api = await ApiAsync();
        await api.CreateAsync("Secret Squad 7781", 2);
        var document = (await api.ExportAsync()).GetRawText();
        await api.ImportAsync(document, dryRun: true);
        await api.ImportAsync(document.Replace("Secret Squad 7781", "Secret Squad 7782", StringComparison.Ordinal));

        var text = await _app.LogTextContainingAsync("/api/v1/miniatures/import"); // the requests were logged...
        Assert.DoesNotContain("Secret Squad", text, StringComparison.Ordinal); // ...their content was not
    }

    private static string Document(params JsonObject[] types) =>
        new JsonObject { ["format"] = "tracker.miniatures", ["version"] = 1, ["exportedAt"] = DateTimeOffset.UtcNow, ["types"] = new JsonArray(types) }.ToJsonString();

    private static JsonObject Type(string name, Dictionary<string, int> counts, JsonObject[] history) => new()
    {
        ["name"] = name,
        ["counts"] = new JsonObject(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        ["history"] = new JsonArray(history),
    };

    private static JsonObject Entry(string? from, string to, int qty) => new()
    {
        ["fromStage"] = from,
        ["toStage"] = to,
        ["qty"] = qty,
        ["at"] = DateTimeOffset.UtcNow.AddMinutes(-5),
    };
}
