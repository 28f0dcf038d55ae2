using System.Text.Json;
using Tracker.BuildingBlocks.Contracts;

namespace Tracker.BuildingBlocks.Messaging;

internal static class IntegrationEventSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string TypeName(Type eventType) => eventType.FullName ?? eventType.Name;

    public static string Serialize(IntegrationEvent integrationEvent) =>
        JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Options);

    public static IntegrationEvent Deserialize(string payload, Type eventType) =>
        (IntegrationEvent?)JsonSerializer.Deserialize(payload, eventType, Options)
        ?? throw new JsonException($"Empty payload for {eventType.Name}.");
}
