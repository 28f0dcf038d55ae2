using System.Net;
using System.Text.Json;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Platform;

/// <summary>
/// The OpenAPI document as generated clients read it (issue 8): the rules here hold for every operation, so a new
/// module's endpoints are checked without writing anything. build/contract.sh lints the same document and compiles
/// two generated clients against it.
/// </summary>
public sealed class OpenApiContractTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private static readonly string[] AnonymousOperations = ["login", "refreshSession", "register", "logout", "getUpdateManifest", "downloadRelease"];

    private readonly TrackerApp _app = fixture.App;

    private async Task<JsonElement> DocumentAsync(HttpClient? client = null) =>
        await Http.ReadAsync<JsonElement>(await (client ?? _app.CreateClient()).GetAsync("/openapi/v1.json"));

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => Methods.Contains(o.Name))
            .Select(o => (path.Name, o.Name, o.Value)));

    private static JsonElement Operation(JsonElement document, string operationId) =>
        Operations(document).Single(o => o.Operation.GetProperty("operationId").GetString() == operationId).Operation;

    private static HashSet<string> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();

    [Fact]
    public async Task ProblemDetails_holds_every_member_the_api_sends_with_code_and_traceId_required()
    {
        var schema = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");

        Assert.Equal(["code", "traceId"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        var properties = schema.GetProperty("properties");
        foreach (var member in new[] { "type", "title", "status", "detail", "instance", "code", "traceId", "requestId", "errors", "available", "requested", "retryAfterSeconds", "current" })
        {
            Assert.True(properties.TryGetProperty(member, out _), $"ProblemDetails lacks {member}");
        }

        var errors = properties.GetProperty("errors");
        Assert.Equal("object", errors.GetProperty("type").GetString());
        Assert.Equal("array", errors.GetProperty("additionalProperties").GetProperty("type").GetString());
        Assert.Equal("string", errors.GetProperty("additionalProperties").GetProperty("items").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_problem_answer_is_problem_json_with_the_one_schema_and_every_answer_declares_X_Request_Id()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                var where = $"{method.ToUpperInvariant()} {path} {response.Name}";
                Assert.True(response.Value.GetProperty("headers").TryGetProperty("X-Request-Id", out _), $"{where} does not declare X-Request-Id");
                if (response.Name[0] is not ('4' or '5'))
                {
                    continue;
                }

                var content = response.Value.GetProperty("content").EnumerateObject().ToList();
                Assert.True(content is [{ Name: "application/problem+json" }], $"{where} is not only application/problem+json");
                Assert.Equal("#/components/schemas/ProblemDetails", content[0].Value.GetProperty("schema").GetProperty("$ref").GetString());
            }
        }
    }

    [Fact]
    public async Task Problem_answers_are_derived_from_what_the_endpoint_does()
    {
        var document = await DocumentAsync();

        // A role policy (admin) can refuse a signed-in user; "any signed-in user" cannot.
        Assert.Contains("403", Statuses(Operation(document, "createUser")));
        Assert.DoesNotContain("403", Statuses(Operation(document, "listTypes")));
        // A body can be too large or of the wrong type; an id in the route can name nothing.
        Assert.Superset(new HashSet<string> { "400", "401", "409", "413", "415", "422", "500", "503" }, Statuses(Operation(document, "createType")));
        Assert.Superset(new HashSet<string> { "400", "404", "412", "409", "422" }, Statuses(Operation(document, "moveMiniatures")));
        Assert.DoesNotContain("413", Statuses(Operation(document, "getMiniatureType")));
        Assert.DoesNotContain("404", Statuses(Operation(document, "listTypes")));
        // No input, nothing to refuse with 400.
        Assert.DoesNotContain("400", Statuses(Operation(document, "listStages")));

        var login = Operation(document, "login").GetProperty("responses");
        Assert.True(login.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(Operation(document, "createType").GetProperty("responses").GetProperty("201").GetProperty("headers").TryGetProperty("Location", out _));
        Assert.True(Operation(document, "moveMiniatures").GetProperty("responses").GetProperty("412").GetProperty("headers").TryGetProperty("ETag", out _));
    }

    [Fact]
    public async Task Anonymous_operations_say_security_empty_and_the_others_require_the_bearer_token()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            var id = operation.GetProperty("operationId").GetString()!;
            var security = operation.GetProperty("security");
            if (AnonymousOperations.Contains(id))
            {
                Assert.True(security.GetArrayLength() == 0, $"{id} should say security: []");
            }
            else
            {
                Assert.True(security.EnumerateArray().Single().TryGetProperty("Bearer", out _), $"{method} {path} does not require the bearer token");
                Assert.Contains("401", Statuses(operation));
            }
        }
    }

    [Fact]
    public async Task Every_enum_is_a_string_with_its_names()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var enums = new List<string>();
        Visit(schemas, "components.schemas");

        Assert.Contains("components.schemas.Stage", enums);
        Assert.Contains("components.schemas.Role", enums);

        void Visit(JsonElement node, string where)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                if (node.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    enums.Add(where);
                    var type = node.GetProperty("type");
                    var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
                    Assert.True(types.Contains("string") && types.All(t => t is "string" or "null"), $"{where} is an enum but not a string");
                    Assert.All(values.EnumerateArray(), v => Assert.True(v.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{where} has a value that is not a name"));
                }

                foreach (var property in node.EnumerateObject())
                {
                    Visit(property.Value, $"{where}.{property.Name}");
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    Visit(item, where + "[]");
                }
            }
        }
    }

    [Fact]
    public async Task Query_and_route_parameters_are_camelCase_with_their_defaults()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                if (parameter.GetProperty("in").GetString() is "query" or "path")
                {
                    Assert.Matches("^[a-z][a-zA-Z0-9]*$", parameter.GetProperty("name").GetString());
                }
            }
        }

        var listTypes = Operation(document, "listTypes").GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(["cursor", "limit", "search"], listTypes.Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var limit = listTypes.Single(p => p.GetProperty("name").GetString() == "limit").GetProperty("schema");
        Assert.Equal((1, 200, 50), (limit.GetProperty("minimum").GetInt32(), limit.GetProperty("maximum").GetInt32(), limit.GetProperty("default").GetInt32()));
        var dryRun = Operation(document, "importState").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "dryRun");
        Assert.False(dryRun.GetProperty("schema").GetProperty("default").GetBoolean());
    }

    [Fact]
    public async Task Request_fields_are_required_as_the_deserializer_requires_them_and_only_requests_refuse_unknown_members()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var createType = schemas.GetProperty("CreateTypeRequest");

        Assert.Equal(["name"], createType.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(createType.GetProperty("properties").TryGetProperty("initialQuantity", out _));
        // Answers always carry their members, null or not.
        Assert.Contains("nextCursor", schemas.GetProperty("CursorPageOfHistoryGroup").GetProperty("required").EnumerateArray().Select(r => r.GetString()));

        // Unknown members are refused in bodies; answers may gain members, which clients ignore.
        Assert.False(createType.GetProperty("additionalProperties").GetBoolean());
        Assert.False(schemas.GetProperty("TypeResponse").TryGetProperty("additionalProperties", out _));
    }

    [Fact]
    public async Task Servers_never_come_from_the_request_host_and_default_to_relative()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Host = "attacker.example";

        var document = await DocumentAsync(client);

        var server = Assert.Single(document.GetProperty("servers").EnumerateArray());
        Assert.Equal("/", server.GetProperty("url").GetString());
        Assert.DoesNotContain("attacker.example", document.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Miniatures", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_repeats_the_request_id_of_the_X_Request_Id_header()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", "client-chosen-id.42");

        var response = await client.GetAsync("/api/v1/miniatures/types");

        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        Assert.Equal("client-chosen-id.42", problem.GetProperty("requestId").GetString());
        Assert.Equal("client-chosen-id.42", response.Headers.GetValues("X-Request-Id").Single());
    }
}
