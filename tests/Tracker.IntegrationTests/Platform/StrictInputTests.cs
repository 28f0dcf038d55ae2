using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.IntegrationTests.Miniatures;

namespace Tracker.IntegrationTests.Platform;

/// <summary>The cases of the hostile probe that found input taken too loosely, each answered 400 naming the field.</summary>
public sealed class StrictInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    private async Task<MiniaturesApi> ApiAsync() => new(await _app.AdminAsync());

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ExpectFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_VALIDATION");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"expected {field} named: {problem}");
        return messages;
    }

    [Theory]
    [InlineData("\"BUILDING, PRIMING\"")]
    [InlineData("\"BUILDING,PRIMING\"")]
    [InlineData("\" DONE \"")]
    [InlineData("\"done\"")]
    [InlineData("\"4\"")]
    [InlineData("4")]
    [InlineData("null")]
    public async Task A_stage_is_exactly_one_stage_name_and_a_wrong_one_moves_nothing(string toStage)
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync($"Strict stages {Guid.NewGuid():N}", 5);

        var response = await api.Client.PostAsync($"{MiniaturesApi.Base}/types/{type.Id}/move", Json($"{{\"fromStage\":\"IN_BOX\",\"toStage\":{toStage},\"qty\":1}}"));

        await ExpectFieldErrorAsync(response, "toStage");
        Assert.Equal(new Counts(5, 0, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
    }

    [Theory]
    [InlineData("{\"toStage\":\"DONE\",\"qty\":1}", "fromStage")]
    [InlineData("{\"fromStage\":\"IN_BOX\",\"qty\":1}", "toStage")]
    [InlineData("{\"fromStage\":\"IN_BOX\",\"toStage\":\"DONE\"}", "qty")]
    [InlineData("{\"fromStage\":\"IN_BOX\",\"toStage\":\"DONE\",\"qty\":\"1\"}", "qty")]
    [InlineData("{\"fromStage\":\"IN_BOX\",\"toStage\":\"DONE\",\"qty\":1,\"qty\":2}", "qty")]
    [InlineData("{\"fromStage\":\"IN_BOX\",\"toStage\":\"DONE\",\"qty\":1,\"note\":\"x\"}", "note")]
    [InlineData("{\"$type\":\"x\",\"fromStage\":\"IN_BOX\",\"toStage\":\"DONE\",\"qty\":1}", "$type")]
    [InlineData("{\"FromStage\":\"IN_BOX\",\"toStage\":\"DONE\",\"qty\":1}", "FromStage")]
    public async Task A_move_needs_every_field_once_by_its_exact_name_and_nothing_else(string body, string field)
    {
        var api = await ApiAsync();
        var type = await api.CreateAsync($"Strict body {Guid.NewGuid():N}", 5);

        await ExpectFieldErrorAsync(await api.Client.PostAsync($"{MiniaturesApi.Base}/types/{type.Id}/move", Json(body)), field);

        Assert.Equal(new Counts(5, 0, 0, 0, 0), (await api.GetAsync(type.Id)).Counts);
    }

    [Fact]
    public async Task The_initial_quantity_is_optional_as_documented_but_never_null()
    {
        var api = await ApiAsync();

        var created = await Http.ReadAsync<TypeDto>(await api.Client.PostAsync($"{MiniaturesApi.Base}/types", Json("{\"name\":\"Left out quantity\"}")), HttpStatusCode.Created);
        await ExpectFieldErrorAsync(await api.Client.PostAsync($"{MiniaturesApi.Base}/types", Json("{\"name\":\"Null quantity\",\"initialQuantity\":null}")), "initialQuantity");

        Assert.Equal(0, created.Total);
        var document = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync("/openapi/v1.json"));
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateTypeRequest");
        Assert.DoesNotContain("initialQuantity", schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("Nul\u0000name")]
    [InlineData("Bell\u0007name")]
    [InlineData("Tab\tname")]
    [InlineData("Line\nbreak")]
    [InlineData("Zero\u200Bwidth")]
    [InlineData("Right\u202Eto left")]
    [InlineData("\u2066Isolated\u2069")]
    [InlineData("\u200B\u200C\u200D")]
    public async Task Names_refuse_control_zero_width_and_direction_characters_on_every_provider(string name)
    {
        var api = await ApiAsync();
        var before = await api.StateAsync();

        await ExpectFieldErrorAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name }), "name");

        Assert.Equal(before, await api.StateAsync());
    }

    [Fact]
    public async Task Names_are_stored_composed_and_unique_whatever_the_accents_encoding_or_case()
    {
        var api = await ApiAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var decomposed = await api.CreateAsync($"Cafe\u0301 {suffix}");
        var conflict = await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name = $"CAF\u00C9 {suffix.ToUpperInvariant()}" });

        Assert.Equal($"Caf\u00E9 {suffix}", decomposed.Name);
        await Http.ExpectProblemAsync(conflict, HttpStatusCode.Conflict, "ERR_TYPE_NAME_TAKEN");
        var found = await Http.ReadAsync<TypeList>(await api.Client.GetAsync($"{MiniaturesApi.Base}/types?search={Uri.EscapeDataString($"cafe\u0301 {suffix}")}"));
        Assert.Equal(decomposed.Id, Assert.Single(found.Items).Id);
    }

    [Theory]
    [InlineData("        ")]
    [InlineData("\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B")]
    [InlineData("\u3164\u3164\u3164\u3164\u3164\u3164\u3164\u3164")]
    [InlineData("\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0")]
    public async Task A_password_of_only_invisible_characters_is_refused(string password)
    {
        using var admin = await _app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = $"ghost{Guid.NewGuid():N}"[..20], displayName = "Ghost", password, role = "worker" });

        await ExpectFieldErrorAsync(response, "password");
    }

    [Fact]
    public async Task A_display_name_is_a_name_and_is_stored_composed()
    {
        using var admin = await _app.AdminAsync();
        var username = $"nfc{Guid.NewGuid():N}"[..16];

        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/identity/users", new { username = "zw" + username, displayName = "Zo\u200Be", password = "long enough 1", role = "worker" }), "displayName");
        var created = await Http.ReadAsync<UserDto>(await admin.PostAsJsonAsync("/api/v1/identity/users", new { username, displayName = "Zoe\u0308", password = "long enough 1", role = "worker" }), HttpStatusCode.Created);

        Assert.Equal("Zo\u00EB", created.DisplayName);
    }

    [Theory]
    [InlineData("manager,%20planner")]
    [InlineData("manager,planner")]
    [InlineData("2")]
    [InlineData("Admin")]
    [InlineData("%20admin")]
    [InlineData("admin&role=worker")]
    public async Task A_role_in_the_query_is_exactly_one_role_name(string role)
    {
        using var admin = await _app.AdminAsync();

        var messages = await ExpectFieldErrorAsync(await admin.GetAsync($"/api/v1/identity/users?role={role}"), "role");

        Assert.Contains("admin, manager, planner, worker", messages[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/identity/users?active=yes", "active")]
    [InlineData("/api/v1/identity/users?limit=ten", "limit")]
    [InlineData("/api/v1/identity/users?search=a%00b", "search")]
    [InlineData("/api/v1/miniatures/types?search=a%00b", "search")]
    [InlineData("/api/v1/miniatures/history?limit=1.5", "limit")]
    [InlineData("/api/v1/miniatures/types/not-a-uuid", "id")]
    [InlineData("/api/v1/miniatures/types/12345/history", "id")]
    [InlineData("/api/v1/identity/users/me-or-someone", "id")]
    public async Task Query_and_route_values_that_do_not_parse_are_field_errors(string url, string field)
    {
        using var admin = await _app.AdminAsync();

        await ExpectFieldErrorAsync(await admin.GetAsync(url), field);
    }

    [Fact]
    public async Task Control_characters_in_a_sign_in_are_refused_before_the_database_sees_them()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { username = "admin\u0000", password = "whatever" });

        await ExpectFieldErrorAsync(response, "username");
    }

    [Fact]
    public async Task Field_errors_speak_russian_when_asked()
    {
        var api = await ApiAsync();
        api.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var type = await api.CreateAsync($"Russian errors {Guid.NewGuid():N}", 1);

        var stage = await ExpectFieldErrorAsync(await api.Client.PostAsync($"{MiniaturesApi.Base}/types/{type.Id}/move", Json("{\"fromStage\":\"IN_BOX\",\"toStage\":\"BUILDING, PRIMING\",\"qty\":1}")), "toStage");
        var unknown = await ExpectFieldErrorAsync(await api.Client.PostAsync($"{MiniaturesApi.Base}/types/{type.Id}/move", Json("{\"fromStage\":\"IN_BOX\",\"toStage\":\"DONE\",\"qty\":1,\"x\":1}")), "x");
        var name = await ExpectFieldErrorAsync(await api.Client.PostAsJsonAsync($"{MiniaturesApi.Base}/types", new { name = "Zero\u200Bwidth" }), "name");
        var role = await ExpectFieldErrorAsync(await api.Client.GetAsync("/api/v1/identity/users?role=2"), "role");
        var import = await Http.ExpectProblemAsync(await api.ImportAsync("{\"format\":\"tracker.miniatures\",\"version\":2,\"types\":[]}", dryRun: true), HttpStatusCode.BadRequest, "ERR_IMPORT_INVALID");

        Assert.All(
            new[] { stage, unknown, name, role, import.GetProperty("errors").GetProperty("version") }.Select(m => m[0].GetString()),
            text => Assert.Matches("[а-яА-Я]", text));
    }

    [Fact]
    public async Task The_import_reads_bodies_as_strictly_and_requires_what_its_schema_requires()
    {
        var api = await ApiAsync();
        var before = await api.StateAsync();
        const string Minimal = "{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"Minimal import %s\"}]}";

        var duplicate = await api.ImportAsync("{\"format\":\"tracker.miniatures\",\"version\":1,\"version\":1,\"types\":[]}", dryRun: true);
        var quoted = await api.ImportAsync("{\"format\":\"tracker.miniatures\",\"version\":\"1\",\"types\":[]}", dryRun: true);
        var nul = await api.ImportAsync("{\"format\":\"tracker.miniatures\",\"version\":1,\"types\":[{\"name\":\"Nul\\u0000\"}]}", dryRun: true);
        var minimal = await api.ImportAsync(Minimal.Replace("%s", Guid.NewGuid().ToString("N"), StringComparison.Ordinal), dryRun: true);

        foreach (var (response, path) in new[] { (duplicate, "version"), (quoted, "version"), (nul, "types[0].name") })
        {
            var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_IMPORT_INVALID");
            Assert.Contains(path, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        await Http.ExpectAsync(minimal, HttpStatusCode.OK);
        var document = await Http.ReadAsync<JsonElement>(await api.Client.GetAsync("/openapi/v1.json"));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var required = schemas.GetProperty("ImportDocumentSchema").GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["format", "types", "version"], required.Order());
        Assert.Equal(before, await api.StateAsync());
    }
}
