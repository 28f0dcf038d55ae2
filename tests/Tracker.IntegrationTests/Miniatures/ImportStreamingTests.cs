using System.Net;
using System.Text;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Miniatures;

/// <summary>The import reads its document as it arrives: what that reader accepts and refuses, with paths.</summary>
public sealed class ImportStreamingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Theory]
    [InlineData("""{"format":"tracker.miniatures","format":"tracker.miniatures","version":1,"types":[]}""", "format")]
    [InlineData("""{"format":"tracker.miniatures","version":1,"types":[{"name":"x","counts":{"IN_BOX":1,"IN_BOX":2}}]}""", "types[0].counts.IN_BOX")]
    [InlineData("""{"format":"tracker.miniatures","version":1,"types":[{"name":"x","counts":{"IN_BOX":"1"}}]}""", "types[0].counts.IN_BOX")]
    [InlineData("""{"format":"tracker.miniatures","version":1,"types":[{"name":"x","counts":{"IN_BOX":1.5}}]}""", "types[0].counts.IN_BOX")]
    [InlineData("""{"format":"tracker.miniatures","version":1,"types":[{"name":7}]}""", "types[0].name")]
    [InlineData("""{"format":"tracker.miniatures","version":1,"types":[{"name":"x","history":[{"toStage":"DONE","qty":1,"at":"yesterday"}]}]}""", "types[0].history[0].at")]
    [InlineData("""{"format":"tracker.miniatures","version":1,"types":[{"name":"x","history":[{"fromStage":"IN_BOX","toStage":"DONE","qty":1,"at":"2020-01-01T00:00:00Z","note":{"a":[1,2]}}]}]}""", "types[0].history[0].note")]
    [InlineData("""{"format":"tracker.miniatures","version":1,"types":[]} []""", "$")]
    [InlineData("""{"format":"tracker.miniatures","version":1}""", "types")]
    [InlineData("""[]""", "$")]
    public async Task Repeated_mistyped_unknown_and_trailing_content_is_refused_with_its_path(string document, string path)
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var before = await api.StateAsync();

        var problem = await Http.ExpectProblemAsync(await api.ImportAsync(document), HttpStatusCode.BadRequest, "ERR_IMPORT_INVALID");

        Assert.Contains(path, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await api.StateAsync());
    }

    [Fact]
    public async Task Escaped_names_and_history_spread_over_many_reads_import_in_the_documents_order()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var start = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);

        // About 1.5 MB of history on one type (every token boundary falls somewhere in a read), listed newest first:
        // stored oldest first all the same.
        var entries = Enumerable.Range(0, 16_000).Reverse()
            .Select(i => $$"""{"fromStage":null,"toStage":"IN_BOX","qty":1,"at":"{{start.AddMinutes(i):O}}"}""");
        var document = new StringBuilder("""{"form\u0061t":"tracker.miniatures","version":1,"types":[{"n\u0061me":"Stre\u0061med Legion","counts":{"IN_BOX":16000},"history":[""")
            .AppendJoin(',', entries)
            .Append("]}]}")
            .ToString();
        Assert.True(document.Length > 1_000_000);

        var summary = await Http.ReadAsync<JsonElement>(await api.ImportAsync(document));

        Assert.Equal((1, 16_000), (summary.GetProperty("typesCreated").GetInt32(), summary.GetProperty("historyEntriesAdded").GetInt32()));
        var export = await api.ExportAsync();
        var type = export.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Streamed Legion");
        var times = type.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(16_000, times.Count);
        Assert.Equal(times.Order(), times);
        Assert.Equal(16_000, type.GetProperty("counts").GetProperty("IN_BOX").GetInt32());
    }
}
