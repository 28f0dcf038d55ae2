using Microsoft.OpenApi;

namespace Tracker.Host.Setup;

/// <summary>
/// A request field whose type admits null is optional: leaving it out means the same as sending null, and the
/// deserializer accepts both. The generator marks every constructor parameter of a record as required, which would
/// make clients send <c>"initialQuantity": null</c>; here such fields leave <c>required</c> in schemas that only
/// requests use. Schemas shared with answers keep it: an answer always carries the member, null or not.
/// </summary>
internal static class RequestSchemasOpenApi
{
    public static void MakeNullableRequestFieldsOptional(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || document.Paths is null)
        {
            return;
        }

        var operations = document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).ToList();
        var inRequests = Reachable(schemas, operations.SelectMany(o => o.RequestBody?.Content?.Values ?? []).Select(m => m.Schema));
        var inAnswers = Reachable(schemas, operations
            .SelectMany(o => o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            .SelectMany(r => r.Content?.Values ?? [])
            .Select(m => m.Schema));
        foreach (var name in inRequests.Except(inAnswers))
        {
            if (schemas[name] is OpenApiSchema { Required: { Count: > 0 } required, Properties: { } properties })
            {
                foreach (var field in required.Where(f => properties.TryGetValue(f, out var property) && AdmitsNull(property)).ToList())
                {
                    required.Remove(field);
                }
            }
        }
    }

    private static bool AdmitsNull(IOpenApiSchema schema) =>
        schema.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(AdmitsNull);

    /// <summary>Names of the component schemas reachable from <paramref name="roots"/> through references.</summary>
    private static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> components, IEnumerable<IOpenApiSchema?> roots)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (found.Add(id) && components.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return found;
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema) =>
        (schema.Properties?.Values ?? [])
            .Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
            .Concat(new[] { schema.Items, schema.AdditionalProperties }.OfType<IOpenApiSchema>());
}
