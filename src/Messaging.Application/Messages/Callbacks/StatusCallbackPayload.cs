using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Messages.Callbacks;

/// <summary>The JSON body of a status callback: what changed, for which tracking id, when and why.</summary>
public sealed record StatusCallbackPayload(
    Guid EventId,
    Guid TrackingId,
    MessageStatus Status,
    DateTime OccurredAt,
    string? Reason,
    string? FailureCode,
    string? ProviderMessageId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static StatusCallbackPayload? FromUtf8Json(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<StatusCallbackPayload>(json, Json);
}
