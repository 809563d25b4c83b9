using System.Text;
using Messaging.EventBus;
using RabbitMQ.Client;

namespace Messaging.Infrastructure.RabbitMq;

/// <summary>How an event travels: its id as the message id, tenant and trace context as headers.</summary>
public static class RabbitMqHeaders
{
    public const string TenantId = "x-tenant-id";
    public const string TraceParent = "traceparent";
    public const string Attempt = "x-attempt";

    public static BasicProperties PropertiesFor(OutboxMessage message, int attempt = 0)
    {
        var headers = new Dictionary<string, object?>();
        if (message.TenantId is { } tenantId)
        {
            headers[TenantId] = tenantId.ToString();
        }

        if (message.TraceParent is { } traceParent)
        {
            headers[TraceParent] = traceParent;
        }

        if (attempt > 0)
        {
            headers[Attempt] = attempt;
        }

        return new BasicProperties
        {
            MessageId = message.Id.ToString(),
            Type = message.EventName,
            CorrelationId = message.CorrelationId,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(new DateTimeOffset(message.CreatedAt, TimeSpan.Zero).ToUnixTimeSeconds()),
            Headers = headers
        };
    }

    public static OutboxMessage ToEnvelope(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, string routingKey) => new(
        Guid.TryParse(properties.MessageId, out var id) ? id : Guid.Empty,
        properties.Type ?? routingKey,
        Encoding.UTF8.GetString(body.Span),
        Text(properties, TenantId) is { } tenant && Guid.TryParse(tenant, out var tenantId) ? tenantId : null,
        properties.CorrelationId,
        Text(properties, TraceParent),
        DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime).UtcDateTime);

    public static int AttemptOf(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(Attempt, out var value) == true ? Convert.ToInt32(value) : 0;

    private static string? Text(IReadOnlyBasicProperties properties, string header) =>
        properties.Headers?.TryGetValue(header, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => value?.ToString() }
            : null;
}
