using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Platform;

/// <summary>
/// Reads the live OpenAPI document and, for every operation in it, sends what a strict API must refuse (see
/// <see cref="OpenApiProbe"/>): each answer must be 400 problem+json whose <c>errors</c> name the field, and every
/// resource the document lets a client read must be unchanged afterwards. A new module's operations are probed
/// as soon as they appear in the document; resources behind <c>{id}</c> routes are created through the module's
/// own collection POST with a body built from its schema.
/// </summary>
public sealed class SpecDrivenNegativeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TrackerApp _app = fixture.App;

    [Fact]
    public async Task Every_json_body_refuses_missing_mistyped_unknown_repeated_and_unlisted_values()
    {
        var session = await ProbeSession.StartAsync(_app);
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in session.Probe.Operations().Where(o => o.BodySchema is not null))
        {
            var path = session.Route(operation);
            var before = await session.StateAsync();
            foreach (var mutation in session.Probe.Mutations(operation.BodySchema!))
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path)
                {
                    Content = new StringContent(mutation.Json, Encoding.UTF8, "application/json"),
                };
                using var response = await session.Client.SendAsync(request);
                sent++;
                if (await RefusalProblemAsync(response, mutation.Field, StringComparison.Ordinal) is { } problem)
                {
                    failures.Add($"{operation} with {mutation.What} at {mutation.Field}: {problem}\n    body: {mutation.Json}");
                }
            }

            if (await session.ChangesSinceAsync(before) is { Count: > 0 } changes)
            {
                failures.Add($"{operation}: refused requests changed {string.Join(", ", changes)}");
            }
        }

        Assert.True(sent > 100, $"Only {sent} requests were derived from the document.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile bodies were not refused as they should be:\n{string.Join('\n', failures.Take(40))}");
    }

    [Fact]
    public async Task Every_query_parameter_refuses_values_that_are_not_of_its_type()
    {
        var session = await ProbeSession.StartAsync(_app);
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in session.Probe.Operations())
        {
            var path = session.Route(operation);
            var before = await session.StateAsync();
            foreach (var parameter in operation.Parameters("query"))
            {
                var name = (string)parameter["name"]!;
                var schema = session.Probe.Resolve(parameter["schema"]!.AsObject());
                foreach (var bad in BadQueryValues(schema))
                {
                    var others = await session.RequiredQueryAsync(operation, except: name);
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Method), $"{path}?{others}{name}={Uri.EscapeDataString(bad)}");
                    if (operation.BodySchema is { } body)
                    {
                        request.Content = new StringContent(session.Probe.Sample(body).ToJsonString(), Encoding.UTF8, "application/json");
                    }

                    using var response = await session.Client.SendAsync(request);
                    sent++;
                    if (await RefusalProblemAsync(response, name, StringComparison.OrdinalIgnoreCase) is { } problem)
                    {
                        failures.Add($"{operation} with {name}={JsonSerializer.Serialize(bad)}: {problem}");
                    }
                }
            }

            if (await session.ChangesSinceAsync(before) is { Count: > 0 } changes)
            {
                failures.Add($"{operation}: refused requests changed {string.Join(", ", changes)}");
            }
        }

        Assert.True(sent > 10, $"Only {sent} requests were derived from the document.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad query values were not refused as they should be:\n{string.Join('\n', failures)}");
    }

    private static IEnumerable<string> BadQueryValues(JsonObject schema)
    {
        if (OpenApiProbe.EnumOf(schema) is [var first, ..] names)
        {
            var second = names.Count > 1 ? names[1] : first;
            return [$"{first}, {second}", $"{first},{second}", $" {first}", first.ToUpperInvariant() == first ? first.ToLowerInvariant() : first.ToUpperInvariant(), "1", "NOT_A_VALUE"];
        }

        return (OpenApiProbe.TypeOf(schema), (string?)schema["format"]) switch
        {
            ("integer" or "number", _) => ["abc", "1.5", "1e3", "99999999999999999999"],
            ("boolean", _) => ["maybe", "2"],
            ("string", "uuid") => ["not-a-uuid"],
            ("string", "date-time") => ["yesterday"],
            ("string", null) => ["a\u0000b", "a\u0007b", "a\u001bb"],
            _ => [],
        };
    }

    /// <summary>Null when the answer is the 400 problem+json naming <paramref name="field"/>; otherwise what is wrong with it.</summary>
    private static async Task<string?> RefusalProblemAsync(HttpResponseMessage response, string field, StringComparison comparison)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return $"answered {(int)response.StatusCode}: {text}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"answered 400 as {response.Content.Headers.ContentType?.MediaType}: {text}";
        }

        var problem = JsonNode.Parse(text)!;
        if ((string?)problem["code"] is not { Length: > 0 })
        {
            return $"the problem has no code: {text}";
        }

        var named = problem["errors"] is JsonObject errors ? errors.Select(e => e.Key) : [];
        return named.Any(name => string.Equals(name, field, comparison))
            ? null
            : $"errors do not name {field}: {text}";
    }

    /// <summary>
    /// A signed-in administrator, the document, one real resource behind every <c>{parameter}</c> of its routes, and
    /// a way to read everything the document lets a client read, to see that refused requests changed nothing.
    /// </summary>
    private sealed class ProbeSession
    {
        private readonly Dictionary<string, string> _created = [];
        private HashSet<string> _volatile = [];

        private ProbeSession(HttpClient client, OpenApiProbe probe)
        {
            Client = client;
            Probe = probe;
        }

        public HttpClient Client { get; }

        public OpenApiProbe Probe { get; }

        public static async Task<ProbeSession> StartAsync(TrackerApp app)
        {
            var client = await app.AdminAsync();
            var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
            var session = new ProbeSession(client, new OpenApiProbe(document));
            foreach (var operation in session.Probe.Operations())
            {
                await session.SeedAsync(operation.Path);
            }

            // What changes between two reads with nothing in between (a document's own timestamp) is not state.
            var first = await session.StateAsync();
            session._volatile = [.. await session.ChangesSinceAsync(first)];
            return session;
        }

        /// <summary>The operation's path with every parameter replaced by a resource created for it.</summary>
        public string Route(ProbedOperation operation) =>
            _created.OrderByDescending(c => c.Key.Length)
                .Aggregate(operation.Path, (path, created) => path.Replace(created.Key, created.Value, StringComparison.Ordinal));

        /// <summary>Every readable resource: the GET operations that need no query parameter.</summary>
        public async Task<Dictionary<string, JsonNode?>> StateAsync()
        {
            var state = new Dictionary<string, JsonNode?>();
            foreach (var operation in Probe.Operations().Where(o => o.Method == "GET" && !o.Parameters("query").Any(p => (bool?)p["required"] == true)))
            {
                var path = Route(operation);
                using var response = await Client.GetAsync(path);
                var text = await response.Content.ReadAsStringAsync();
                state[path] = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0
                    ? JsonNode.Parse(text)
                    : JsonValue.Create($"{(int)response.StatusCode} {text}");
            }

            return state;
        }

        public async Task<List<string>> ChangesSinceAsync(Dictionary<string, JsonNode?> before)
        {
            var after = await StateAsync();
            var changes = new List<string>();
            foreach (var (path, node) in before)
            {
                Compare(node, after.GetValueOrDefault(path), path, changes);
            }

            return [.. changes.Where(change => !_volatile.Contains(change))];
        }

        private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> changes)
        {
            if (a is JsonObject objectA && b is JsonObject objectB)
            {
                foreach (var key in objectA.Select(p => p.Key).Union(objectB.Select(p => p.Key)))
                {
                    Compare(objectA[key], objectB[key], $"{path}.{key}", changes);
                }
            }
            else if (a is JsonArray arrayA && b is JsonArray arrayB && arrayA.Count == arrayB.Count)
            {
                for (var i = 0; i < arrayA.Count; i++)
                {
                    Compare(arrayA[i], arrayB[i], $"{path}[{i}]", changes);
                }
            }
            else if (!JsonNode.DeepEquals(a, b))
            {
                changes.Add(path);
            }
        }

        /// <summary>
        /// Creates what <c>{parameter}</c> segments of <paramref name="path"/> stand for: a POST to the collection
        /// in front of the parameter (or, for a resource created under its parent, such as
        /// <c>POST /projects/{id}/steps</c> for <c>/steps/{id}</c>, a POST whose path ends in the collection's name)
        /// with a body built from its schema, whose 201 answer carries the <c>id</c> and the <c>Location</c>.
        /// Body members named <c>xId</c> get the id of a seeded <c>x</c> (seeded first when needed).
        /// </summary>
        private async Task SeedAsync(string path)
        {
            for (var start = path.IndexOf('{', StringComparison.Ordinal); start > 0; start = path.IndexOf('{', start + 1))
            {
                var template = path[..(path.IndexOf('}', start) + 1)];
                if (_created.ContainsKey(template))
                {
                    continue;
                }

                var collection = path[..(start - 1)];
                if (await SeedFileResourceAsync(template, collection) is { } seeded)
                {
                    _created[template] = seeded;
                    continue;
                }

                var name = collection[(collection.LastIndexOf('/') + 1)..];
                var create = Probe.Operations().SingleOrDefault(o => o.Method == "POST" && o.Path == collection && o.BodySchema is not null)
                    ?? Probe.Operations().SingleOrDefault(o => o.Method == "POST" && o.Path.EndsWith("}/" + name, StringComparison.Ordinal) && o.BodySchema is not null)
                    ?? throw new InvalidOperationException($"No POST {collection} creates the resource behind {template}: give the module a collection POST, or teach {nameof(SpecDrivenNegativeTests)} to seed it.");
                await SeedAsync(create.Path);
                var sample = Probe.Sample(create.BodySchema!).AsObject();
                foreach (var (member, _) in sample.ToList())
                {
                    if (member.EndsWith("Id", StringComparison.Ordinal) && await SeededIdAsync(collection, member[..^2]) is { } id)
                    {
                        sample[member] = id;
                    }
                }

                var (response, created) = await PostAsync(Route(create), sample);
                var required = (Probe.Resolve(create.BodySchema!)["required"] as JsonArray ?? []).Select(r => (string?)r).ToHashSet();
                if (response.StatusCode == HttpStatusCode.BadRequest && created?["errors"] is JsonObject errors && errors.All(e => sample.ContainsKey(e.Key) && !required.Contains(e.Key)))
                {
                    // An optional member whose schema the sampler cannot meet (a pattern): leave it out.
                    foreach (var (member, _) in errors)
                    {
                        sample.Remove(member);
                    }

                    response.Dispose();
                    (response, created) = await PostAsync(Route(create), sample);
                }

                using var answered = response;
                var body = sample.ToJsonString();
                _created[template] = answered.StatusCode == HttpStatusCode.Created && answered.Headers.Location is { } location && (string?)created?["id"] is not null
                    ? location.OriginalString
                    : throw new InvalidOperationException($"POST {create.Path} with {body} answered {(int)answered.StatusCode} {created?.ToJsonString()}: cannot seed {template}.");
            }
        }

        /// <summary>
        /// Valid values for the operation's required query parameters but <paramref name="except"/>, as
        /// <c>name=value&amp;</c> pairs: a seeded resource's id for <c>xId</c>, a sample of the schema otherwise.
        /// </summary>
        public async Task<string> RequiredQueryAsync(ProbedOperation operation, string except)
        {
            var query = new StringBuilder();
            foreach (var parameter in operation.Parameters("query").Where(p => (bool?)p["required"] == true && (string?)p["name"] != except))
            {
                var name = (string)parameter["name"]!;
                var value = name.EndsWith("Id", StringComparison.Ordinal) && await SeededIdAsync(operation.Path, name[..^2]) is { } id
                    ? id
                    : Probe.Sample(Probe.Resolve(parameter["schema"]!.AsObject())).ToString();
                query.Append(CultureInfo.InvariantCulture, $"{name}={Uri.EscapeDataString(value)}&");
            }

            return query.ToString();
        }

        /// <summary>
        /// Resources whose create takes a file rather than JSON, which a body built from a schema cannot make: an
        /// attachment (the file is the body) and a release (a form whose package must match its SHA-256).
        /// </summary>
        private async Task<string?> SeedFileResourceAsync(string template, string collection)
        {
            if (template.EndsWith("/projects/attachments/{id}", StringComparison.Ordinal))
            {
                var projectId = await SeededIdAsync(collection, "project");
                var response = await Client.PostAsync($"{collection}?projectId={projectId}&fileName=probe.txt", new ByteArrayContent("probe"u8.ToArray()));
                await Http.ExpectAsync(response, HttpStatusCode.Created);
                return response.Headers.Location!.OriginalString;
            }

            if (template.EndsWith("/projects/updates/{version}", StringComparison.Ordinal))
            {
                var version = $"0.0.1-probe.p{Guid.NewGuid():N}";
                var package = new ByteArrayContent("probe"u8.ToArray());
                package.Headers.ContentType = new("application/octet-stream");
                using var form = new MultipartFormDataContent
                {
                    { new StringContent(version), "version" },
                    { new StringContent(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("probe"u8))), "sha256" },
                    { package, "package", "probe.bin" },
                };
                await Http.ExpectAsync(await Client.PostAsync(collection, form), HttpStatusCode.Created);
                return $"{collection}/{version}";
            }

            return null;
        }

        private async Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(string path, JsonObject body)
        {
            var response = await Client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        }

        /// <summary>The id of a seeded resource of kind <paramref name="kind"/> (<c>category</c> → <c>…/categories/{id}</c>) beside <paramref name="collection"/>.</summary>
        private async Task<string?> SeededIdAsync(string collection, string kind)
        {
            var module = collection[..collection.LastIndexOf('/')];
            var resource = ResourceOf(module, kind);
            // A member that names a role before the kind (assigneeManagerId): the kind is its last word.
            var lastWord = kind.AsSpan().LastIndexOfAnyInRange('A', 'Z');
            if (resource is null && lastWord > 0)
            {
                resource = ResourceOf(module, kind[lastWord..]);
            }

            if (resource is null)
            {
                return null;
            }

            await SeedAsync(resource);
            var seeded = _created[resource];
            return seeded[(seeded.LastIndexOf('/') + 1)..];
        }

        private string? ResourceOf(string module, string kind)
        {
            string[] plurals = [kind + "s", kind.EndsWith('y') ? kind[..^1] + "ies" : kind + "s"];
            return Probe.Operations()
                .Select(o => o.Path)
                .FirstOrDefault(p => plurals.Any(plural => string.Equals(p, $"{module}/{plural}/{{id}}", StringComparison.OrdinalIgnoreCase)));
        }
    }
}
