using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;

namespace Tracker.Host.Setup;

/// <summary>
/// A request field is required exactly when the strict deserializer requires it (a constructor parameter without a
/// default value, or a <c>required</c> member): the generator marks every constructor parameter of a record as
/// required, which would make clients send <c>initialQuantity</c> although it defaults to 0. Schemas shared with
/// answers keep every member required: an answer always carries the member, null or not.
/// Unknown members are refused in requests only (<c>additionalProperties: false</c>); an answer may gain members in
/// a later version, which clients ignore, so schemas that only answers use leave it out.
/// </summary>
internal static class RequestSchemasOpenApi
{
    private const string OptionalMembers = "tracker:optional-members";

    /// <summary>Remembers on an object's schema which of its members the deserializer lets a client leave out.</summary>
    public static void NoteOptionalMembers(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (type.Kind == JsonTypeInfoKind.Object)
        {
            (schema.Metadata ??= new Dictionary<string, object>())[OptionalMembers] =
                type.Properties.Where(p => !p.IsRequired).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        }
    }

    public static void DescribeRequestAndAnswerSchemas(OpenApiDocument document)
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
            if (schemas[name] is OpenApiSchema { Required: { Count: > 0 } required } schema
                && schema.Metadata is { } metadata && metadata.TryGetValue(OptionalMembers, out var noted) && noted is HashSet<string> optional)
            {
                required.ExceptWith(optional);
            }
        }

        foreach (var name in inAnswers.Except(inRequests))
        {
            if (schemas[name] is OpenApiSchema schema)
            {
                schema.AdditionalPropertiesAllowed = true;
            }
        }
    }

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
