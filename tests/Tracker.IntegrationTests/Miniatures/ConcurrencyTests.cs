using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Miniatures.Data;

namespace Tracker.IntegrationTests.Miniatures;

/// <summary>Counts stay right when many clients move the same miniatures at once.</summary>
public sealed class ConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Theory]
    [InlineData(40, 1)]
    [InlineData(41, 2)]
    public async Task Parallel_moves_beyond_the_stock_succeed_exactly_as_often_as_the_stock_allows(int stock, int qty)
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync($"Contested {stock}x{qty}", stock);

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => api.MoveAsync(type.Id, "IN_BOX", "BUILDING", qty)));

        var succeeded = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(stock / qty, succeeded);
        foreach (var rejected in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await Http.ExpectProblemAsync(rejected, HttpStatusCode.BadRequest, "ERR_INSUFFICIENT_QTY");
        }

        var after = await api.GetAsync(type.Id);
        Assert.Equal(new Counts(stock - (succeeded * qty), succeeded * qty, 0, 0, 0), after.Counts);
        Assert.Equal(stock, after.Total);
        var moves = await _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().History.CountAsync(h => h.TypeId == type.Id && h.FromStage != null));
        Assert.Equal(succeeded, moves);
    }

    [Fact]
    public async Task Concurrent_moves_along_the_whole_pipeline_conserve_the_total_and_never_go_negative()
    {
        var api = new MiniaturesApi(await _app.AdminAsync());
        var type = await api.CreateAsync("Pipeline rush", 30);
        string[] stages = ["IN_BOX", "BUILDING", "PRIMING", "PAINTING", "DONE"];

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
        {
            var from = i % 4;
            return api.MoveAsync(type.Id, stages[from], stages[from + 1 + (i % (4 - from))], 1 + (i % 2));
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, r.StatusCode.ToString()));
        var counts = await _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().StageCounts.Where(c => c.TypeId == type.Id).Select(c => c.Count).ToListAsync());
        Assert.Equal(5, counts.Count);
        Assert.All(counts, c => Assert.True(c >= 0));
        Assert.Equal(30, counts.Sum());
        var moves = await _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().History.CountAsync(h => h.TypeId == type.Id && h.FromStage != null));
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.OK), moves);
    }
}
