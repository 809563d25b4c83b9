using System.Text.Json;
using System.Text.Json.Serialization;
using Messaging.Tracing;

namespace Messaging.EventBus;

/// <summary>Turns an event into its outbox row, carrying tenant, correlation id and trace context.</summary>
public sealed class OutboxMessageFactory(EventTypeRegistry registry)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public OutboxMessage Create(IntegrationEvent eventData)
    {
        var withContext = eventData.CorrelationId is null && CorrelationContext.Id is { } correlationId
            ? eventData with { CorrelationId = correlationId }
            : eventData;
        return new OutboxMessage(
            withContext.EventId,
            registry.NameOf(withContext.GetType()),
            JsonSerializer.Serialize(withContext, withContext.GetType(), Json),
            withContext.TenantId,
            withContext.CorrelationId,
            TraceContext.Current,
            withContext.OccurredAt);
    }

    public bool Knows(string eventName) => registry.TypeOf(eventName) is not null;

    /// <summary>The event of a row; null for an unknown event name. Throws <see cref="JsonException"/> for an unreadable payload.</summary>
    public IntegrationEvent? Read(OutboxMessage message) =>
        registry.TypeOf(message.EventName) is { } type
            ? (IntegrationEvent?)JsonSerializer.Deserialize(message.Payload, type, Json)
            : null;
}
