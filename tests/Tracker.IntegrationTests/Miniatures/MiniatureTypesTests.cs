using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.Modules.Miniatures.Data;

namespace Tracker.IntegrationTests.Miniatures;

public sealed class MiniatureTypesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    private async Task<MiniaturesApi> ApiAsync() => new(await _app.AdminAsync());

    [Fact]
    public async Task Stages_are_listed_in_pipeline_order_with_localised_labels()
    {
        var api = await ApiAsync();
        api.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        var stages = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync($"{MiniaturesApi.Base}/stages"));

        Assert.Equal(["IN_BOX", "BUILDING", "PRIMING", "PAINTING", "DONE"], stages.EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal("В коробке", stages[0].GetProperty("label").GetString());
        Assert.Equal("In box", stages[0].GetProperty("labels").GetProperty("en").GetString());
    }

    [Theory]
    [InlineData("/history?limit=201", "limit")]
    [InlineData("/history?limit=0", "limit")]
    [InlineData("/history?cursor=MTIzNDU", "cursor")]
    [InlineData("/types/{id}/history?limit=201", "limit")]
    [InlineData("/types/{id}/history?cursor=not-ours", "cursor")]
    [InlineData("/types?limit=201", "limit")]
    [InlineData("/types?limit=0", "limit")]
    [InlineData("/types?cursor=bm90LW91cnM", "cursor")]
    public async Task Pages_take_1_to_200_items_and_only_cursors_the_api_issued(string query, string field)
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync($"Paged {Guid.NewGuid():N}", 1);

        var response = await api.Client.GetAsync($"/api/v1/miniatures{query.Replace("{id}", type.Id.ToString(), StringComparison.Ordinal)}");

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_VALIDATION");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field} named");
        Assert.Single((await api.TypeHistoryAsync(type.Id, limit: 200)).Items);
    }

    [Fact]
    public async Task A_new_type_holds_its_initial_quantity_in_the_box_and_logs_the_purchase()
    {
        var api = await ApiAsync();

        var type = await api.CreateAsync("  Space Marine Captain ", 5);

        Assert.Equal("Space Marine Captain", type.Name);
        Assert.Equal(new Counts(5, 0, 0, 0, 0), type.Counts);
        Assert.Equal(5, type.Total);
        var purchase = Assert.Single((await api.TypeHistoryAsync(type.Id)).Items);
        Assert.Null(purchase.FromStage);
        Assert.Equal(("IN_BOX", 5), (purchase.ToStage, purchase.Qty));
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case_and_spaces_and_must_be_sensible()
    {
        var api = await ApiAsync();
        await api.CreateAsync("Ork Boy");

        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name = " ork BOY " }), HttpStatusCode.Conflict, "ERR_TYPE_NAME_TAKEN");
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name = "   " }), HttpStatusCode.BadRequest, "ERR_VALIDATION");
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name = new string('x', 101) }), HttpStatusCode.BadRequest, "ERR_VALIDATION");
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name = "Negative", initialQuantity = -1 }), HttpStatusCode.BadRequest, "ERR_INVALID_QTY");
    }

    [Fact]
    public async Task The_list_is_sorted_a_to_z_ignoring_case_and_filtered_by_substring()
    {
        var api = await ApiAsync();
        foreach (var name in new[] { "zz-list Zombie", "zz-list apple", "zz-list Banshee" })
        {
            await api.CreateAsync(name, 1);
        }

        var list = await Http.ReadAsync<TypeList>(await api.Client.GetAsync($"{MiniaturesApi.Base}/types?search=ZZ-LIST"));

        Assert.Equal(["zz-list apple", "zz-list Banshee", "zz-list Zombie"], list.Items.Select(t => t.Name));
        Assert.All(list.Items, t => Assert.Equal(1, t.Counts.InBox));
    }

    [Fact]
    public async Task Paging_through_the_types_returns_each_exactly_once_in_order()
    {
        var api = await ApiAsync();
        // Created out of order and in mixed case: the list is ordered by the case-insensitive name.
        string[] names = ["zp-page Kraken", "zp-page caster", "ZP-PAGE Xenos", "zp-page angel", "zp-page Mech", "zp-page banner", "zp-page zealot"];
        foreach (var name in names)
        {
            await api.CreateAsync(name, 1);
        }

        var (seen, pages) = await Http.ReadAllPagesAsync(api.Client, $"{MiniaturesApi.Base}/types?search=zp-page", 3, t => t.GetProperty("name").GetString()!);

        Assert.Equal(names.OrderBy(n => n.ToUpperInvariant(), StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task The_list_shows_every_kind_of_change_at_once()
    {
        var api = await ApiAsync();
        async Task<TypeDto?> Listed(string name) =>
            (await Http.ReadAsync<TypeList>(await api.Client.GetAsync($"{MiniaturesApi.Base}/types?search={Uri.EscapeDataString(name)}"))).Items.SingleOrDefault(t => t.Name == name);

        var type = await api.CreateAsync("Fresh In List", 4);
        Assert.Equal(4, (await Listed("Fresh In List"))?.Counts.InBox);
        await api.MovedAsync(type.Id, "IN_BOX", "DONE", 1);
        Assert.Equal(1, (await Listed("Fresh In List"))?.Counts.Done);
        await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}/add", new { qty = 2 });
        Assert.Equal(5, (await Listed("Fresh In List"))?.Counts.InBox);
        await api.Client.PutAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}", new { name = "Renamed In List" });
        Assert.NotNull(await Listed("Renamed In List"));
        await api.Client.DeleteAsync($"{MiniaturesApi.Base}/types/{type.Id}");
        Assert.Null(await Listed("Renamed In List"));
    }

    [Fact]
    public async Task Types_can_be_renamed_read_and_deleted_with_their_history()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Rename Me", 3);
        await api.CreateAsync("Taken Name");

        var renamed = await Http.ReadAsync<TypeDto>(await api.Client.PutAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}", new { name = "Renamed" }));
        Assert.Equal("Renamed", renamed.Name);
        await Http.ExpectProblemAsync(await api.Client.PutAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}", new { name = "taken name" }), HttpStatusCode.Conflict, "ERR_TYPE_NAME_TAKEN");

        await Http.ExpectAsync(await api.Client.DeleteAsync($"{MiniaturesApi.Base}/types/{type.Id}"), HttpStatusCode.NoContent);

        await Http.ExpectProblemAsync(await api.Client.GetAsync($"{MiniaturesApi.Base}/types/{type.Id}"), HttpStatusCode.NotFound, "ERR_TYPE_NOT_FOUND");
        await Http.ExpectProblemAsync(await api.Client.DeleteAsync($"{MiniaturesApi.Base}/types/{type.Id}"), HttpStatusCode.NotFound, "ERR_TYPE_NOT_FOUND");
        var leftovers = await _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().History.CountAsync(h => h.TypeId == type.Id));
        Assert.Equal(0, leftovers);
    }

    [Fact]
    public async Task Purchases_add_to_the_box()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Purchased", 2);

        var after = await Http.ReadAsync<TypeDto>(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}/add", new { qty = 3 }));

        Assert.Equal(5, after.Counts.InBox);
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}/add", new { qty = 0 }), HttpStatusCode.BadRequest, "ERR_INVALID_QTY");
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{Guid.NewGuid()}/add", new { qty = 1 }), HttpStatusCode.NotFound, "ERR_TYPE_NOT_FOUND");
    }

    [Fact]
    public async Task Moves_go_forward_to_any_later_stage_and_return_the_new_counts()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Mover", 10);

        var moved = await api.MovedAsync(type.Id, "IN_BOX", "BUILDING", 4);
        Assert.Equal(new Counts(6, 4, 0, 0, 0), moved.Counts);
        moved = await api.MovedAsync(type.Id, "IN_BOX", "DONE", 1);
        Assert.Equal(new Counts(5, 4, 0, 0, 1), moved.Counts);
        Assert.Equal(10, moved.Total);
    }

    [Fact]
    public async Task Bad_moves_are_refused_with_their_codes_and_change_nothing()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Refused", 3);
        await api.MovedAsync(type.Id, "IN_BOX", "PRIMING", 1);

        await Http.ExpectProblemAsync(await api.MoveAsync(type.Id, "PRIMING", "BUILDING", 1), HttpStatusCode.BadRequest, "ERR_INVALID_STAGE_TRANSITION");
        await Http.ExpectProblemAsync(await api.MoveAsync(type.Id, "PRIMING", "PRIMING", 1), HttpStatusCode.BadRequest, "ERR_INVALID_STAGE_TRANSITION");
        await Http.ExpectProblemAsync(await api.MoveAsync(type.Id, "IN_BOX", "BUILDING", 0), HttpStatusCode.BadRequest, "ERR_INVALID_QTY");
        await Http.ExpectProblemAsync(await api.MoveAsync(type.Id, "IN_BOX", "BUILDING", -2), HttpStatusCode.BadRequest, "ERR_INVALID_QTY");
        var insufficient = await Http.ExpectProblemAsync(await api.MoveAsync(type.Id, "IN_BOX", "BUILDING", 3), HttpStatusCode.BadRequest, "ERR_INSUFFICIENT_QTY");
        Assert.Equal(2, insufficient.GetProperty("available").GetInt32());
        await Http.ExpectProblemAsync(await api.MoveAsync(Guid.NewGuid(), "IN_BOX", "BUILDING", 1), HttpStatusCode.NotFound, "ERR_TYPE_NOT_FOUND");

        var unknownStage = await Http.ExpectProblemAsync(await api.MoveAsync(type.Id, "IN_THE_BIN", "DONE", 1), HttpStatusCode.BadRequest, "ERR_VALIDATION");
        Assert.True(unknownStage.GetProperty("errors").TryGetProperty("fromStage", out _));
        await Http.ExpectProblemAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{type.Id}/move", new { fromStage = 0, toStage = 1, qty = 1 }), HttpStatusCode.BadRequest, "ERR_VALIDATION");

        Assert.Equal(new Counts(2, 0, 1, 0, 0), (await api.GetAsync(type.Id)).Counts);
        Assert.Equal(2, (await api.TypeHistoryAsync(type.Id)).Items.Count);
    }

    [Fact]
    public async Task The_database_itself_refuses_negative_counts_and_duplicate_stage_rows()
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync("Constrained", 1);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => _app.InScopeAsync(sp => sp.GetRequiredService<MiniaturesDbContext>().StageCounts
            .Where(c => c.TypeId == type.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, -1))));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MiniaturesDbContext>();
            db.StageCounts.Add(new Tracker.Modules.Miniatures.Domain.StageCount(type.Id, Tracker.Modules.Miniatures.Domain.Stage.Done, 1));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(new Counts(1, 0, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
    }

    [Fact]
    public async Task Every_endpoint_requires_a_signed_in_user()
    {
        var anonymous = _app.CreateClient();

        await Http.ExpectProblemAsync(await anonymous.GetAsync($"{MiniaturesApi.Base}/types"), HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        await Http.ExpectProblemAsync(await anonymous.GetAsync($"{MiniaturesApi.Base}/export"), HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        await Http.ExpectProblemAsync(await anonymous.PostAsJsonAsync($"{MiniaturesApi.Base}/types/{Guid.NewGuid()}/move", new { fromStage = "IN_BOX", toStage = "DONE", qty = 1 }), HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
    }
}
