using System.Text.Json.Nodes;

namespace Tracker.IntegrationTests.Infrastructure;

/// <summary>One operation of the OpenAPI document.</summary>
public sealed record ProbedOperation(string Method, string Path, JsonObject Operation, JsonObject? BodySchema)
{
    public override string ToString() => $"{Method} {Path}";

    public IEnumerable<JsonObject> Parameters(string location) =>
        (Operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (string?)p["in"] == location);
}

/// <summary>A field of a request body: where it is, what its schema says, and whether the document requires it.</summary>
public sealed record ProbedField(IReadOnlyList<object> Path, JsonObject Schema, bool Required)
{
    /// <summary>The field as errors name it: "types[0].history[0].qty".</summary>
    public string Name => OpenApiProbe.FieldName(Path);
}

/// <summary>One hostile variant of a valid body and the field its 400 must name.</summary>
public sealed record BodyMutation(string What, string Field, string Json);

/// <summary>
/// Reads an OpenAPI 3.1 document the way a generated client does, builds a body that matches each request schema,
/// and derives from it the bodies a strict API must refuse: every required field left out, every field with a value
/// of the wrong JSON type, unknown and repeated properties in every object, enum values that are not exactly one of
/// the listed names, and control characters in text. Nothing in here knows a module.
/// </summary>
public sealed class OpenApiProbe(JsonObject document)
{
    public const string UnknownProperty = "unknownProbeField";
    private const string DuplicatePlaceholder = "__duplicate_probe__";
    private static int _counter;

    public IEnumerable<ProbedOperation> Operations()
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is JsonObject op && method is "get" or "post" or "put" or "patch" or "delete")
                {
                    var schema = op["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                    yield return new ProbedOperation(method.ToUpperInvariant(), path, op, schema is null ? null : Resolve(schema));
                }
            }
        }
    }

    /// <summary>The schema itself, with a <c>$ref</c> followed and a "null or X" union reduced to X.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        if ((string?)schema["$ref"] is { } reference)
        {
            return Resolve(document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject());
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray union &&
            union.OfType<JsonObject>().Where(s => (string?)s["type"] != "null").ToList() is [var single])
        {
            return Resolve(single);
        }

        return schema;
    }

    /// <summary>The JSON type a schema allows besides null ("string", "integer", "object"...).</summary>
    public static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => schema["enum"] is not null ? "string" : schema["properties"] is not null ? "object" : null,
    };

    public static IReadOnlyList<string> EnumOf(JsonObject schema) =>
        schema["enum"] is JsonArray values ? [.. values.Select(v => (string?)v).OfType<string>()] : [];

    /// <summary>A value the schema accepts, with every optional property present; text is unique per call.</summary>
    public JsonNode Sample(JsonObject schema)
    {
        schema = Resolve(schema);
        if (EnumOf(schema) is [var first, ..])
        {
            return JsonValue.Create(first);
        }

        return TypeOf(schema) switch
        {
            "string" => (string?)schema["format"] switch
            {
                "uuid" => JsonValue.Create(Guid.NewGuid()),
                "date-time" => JsonValue.Create("2024-01-02T03:04:05.006Z"),
                "date" => JsonValue.Create("2024-01-02"),
                _ => JsonValue.Create($"probe{Interlocked.Increment(ref _counter):x4}{Guid.NewGuid():N}"[..16]),
            },
            "integer" or "number" => JsonValue.Create(Math.Max(1, (int?)schema["minimum"] ?? 1)),
            "boolean" => JsonValue.Create(false),
            "array" => new JsonArray(Sample(schema["items"]!.AsObject())),
            "object" => new JsonObject((schema["properties"] as JsonObject ?? [])
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Sample(p.Value!.AsObject())))),
            _ => JsonValue.Create(1),
        };
    }

    /// <summary>Every field of a sample body, depth first (array items through their first element).</summary>
    public IEnumerable<ProbedField> Fields(JsonObject schema, IReadOnlyList<object>? path = null)
    {
        schema = Resolve(schema);
        path ??= [];
        var required = (schema["required"] as JsonArray ?? []).Select(r => (string?)r).ToHashSet();
        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            var fieldPath = path.Append(name).ToList();
            var fieldSchema = Resolve(property!.AsObject());
            yield return new ProbedField(fieldPath, fieldSchema, required.Contains(name));
            var inner = TypeOf(fieldSchema) switch
            {
                "object" => Fields(fieldSchema, fieldPath),
                "array" when TypeOf(Resolve(fieldSchema["items"]!.AsObject())) == "object" => Fields(fieldSchema["items"]!.AsObject(), [.. fieldPath, 0]),
                _ => [],
            };
            foreach (var field in inner)
            {
                yield return field;
            }
        }
    }

    /// <summary>The paths of every object in a sample body, the body itself first.</summary>
    public IEnumerable<IReadOnlyList<object>> Objects(JsonObject schema) =>
        new[] { (IReadOnlyList<object>)[] }.Concat(Fields(schema)
            .Where(f => TypeOf(f.Schema) == "object" || TypeOf(f.Schema) == "array" && TypeOf(Resolve(f.Schema["items"]!.AsObject())) == "object")
            .Select(f => TypeOf(f.Schema) == "object" ? f.Path : (IReadOnlyList<object>)[.. f.Path, 0]));

    public IEnumerable<BodyMutation> Mutations(JsonObject schema)
    {
        var valid = Sample(schema).AsObject();
        foreach (var field in Fields(schema))
        {
            var type = TypeOf(field.Schema);
            if (field.Required)
            {
                yield return new("required field missing", field.Name, With(valid, field.Path, remove: true));
            }

            JsonNode wrongType = type switch
            {
                "string" => JsonValue.Create(12345),
                "integer" or "number" => JsonValue.Create("1"),
                "boolean" => JsonValue.Create("true"),
                "array" => new JsonObject { ["x"] = 1 },
                _ => JsonValue.Create("not an object"),
            };
            yield return new($"wrong JSON type {wrongType.ToJsonString()}", field.Name, With(valid, field.Path, replacement: wrongType));

            if (EnumOf(field.Schema) is [var first, ..] names)
            {
                var second = names.Count > 1 ? names[1] : first;
                var otherCase = first.ToUpperInvariant() == first ? first.ToLowerInvariant() : first.ToUpperInvariant();
                foreach (var bad in new[] { $"{first}, {second}", $"{first},{second}", $" {first} ", otherCase, "1", "0", "NOT_A_VALUE", string.Empty })
                {
                    yield return new($"enum value \"{bad}\"", field.Name, With(valid, field.Path, replacement: JsonValue.Create(bad)));
                }
            }
            else if (type == "string" && field.Schema["format"] is null)
            {
                foreach (var control in new[] { "\u0000", "\u0007", "\u001b", "\u007f", "\u0085" })
                {
                    var text = $"probe{control}text";
                    yield return new($"control character U+{(int)control[0]:X4}", field.Name, With(valid, field.Path, replacement: JsonValue.Create(text)));
                }
            }
        }

        foreach (var objectPath in Objects(schema))
        {
            var target = (JsonObject)Navigate(valid.DeepClone(), objectPath);
            yield return new("unknown property", FieldName([.. objectPath, UnknownProperty]), WithObject(valid, objectPath, o => o[UnknownProperty] = 1));
            yield return new("$type member", FieldName([.. objectPath, "$type"]), WithObject(valid, objectPath, o => o["$type"] = "probe"));
            if (target.FirstOrDefault() is { Key: var duplicated, Value: var value })
            {
                yield return new("duplicate property", FieldName([.. objectPath, duplicated]), Duplicated(valid, objectPath, duplicated, value));
            }
        }
    }

    public static string FieldName(IEnumerable<object> path) =>
        string.Concat(path.Select((segment, i) => segment is int index ? $"[{index}]" : i == 0 ? (string)segment : $".{segment}"));

    private static JsonNode Navigate(JsonNode root, IEnumerable<object> path) =>
        path.Aggregate(root, (node, segment) => segment is int index ? node[index]! : node[(string)segment]!);

    private static string With(JsonObject valid, IReadOnlyList<object> path, bool remove = false, JsonNode? replacement = null)
    {
        var copy = valid.DeepClone();
        var parent = (JsonObject)Navigate(copy, path.Take(path.Count - 1));
        var name = (string)path[^1];
        if (remove)
        {
            parent.Remove(name);
        }
        else
        {
            parent[name] = replacement;
        }

        return copy.ToJsonString();
    }

    private static string WithObject(JsonObject valid, IReadOnlyList<object> path, Action<JsonObject> change)
    {
        var copy = valid.DeepClone();
        change((JsonObject)Navigate(copy, path));
        return copy.ToJsonString();
    }

    /// <summary>The body with <paramref name="name"/> written twice in the object at <paramref name="path"/> (JsonNode cannot hold that, so it is spliced into the text).</summary>
    private static string Duplicated(JsonObject valid, IReadOnlyList<object> path, string name, JsonNode? value)
    {
        var copy = valid.DeepClone();
        var target = Navigate(copy, path).ToJsonString();
        var twice = $"{{{JsonValue.Create(name).ToJsonString()}:{value?.ToJsonString() ?? "null"},{target[1..]}";
        if (path.Count == 0)
        {
            return twice;
        }

        var parent = Navigate(copy, path.Take(path.Count - 1));
        if (path[^1] is int index)
        {
            parent[index] = DuplicatePlaceholder;
        }
        else
        {
            parent[(string)path[^1]] = DuplicatePlaceholder;
        }

        return copy.ToJsonString().Replace($"\"{DuplicatePlaceholder}\"", twice, StringComparison.Ordinal);
    }
}
