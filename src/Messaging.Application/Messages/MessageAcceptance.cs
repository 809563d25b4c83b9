using System.Text.Json;
using Messaging.EventBus;
using Messaging.Messages.Events;

namespace Messaging.Messages;

/// <summary>Turns a valid send request into the message to store and its acceptance event, for single and bulk sends alike.</summary>
public sealed class MessageAcceptance(OutboxMessageFactory outbox)
{
    public AcceptedMessage Accept(Guid tenantId, SendOneWayMessageDto input, string? idempotencyKey, DateTime acceptedAtUtc,
        string? requestHash = null)
    {
        var message = Message.Accept(
            tenantId,
            input.Channel!.Value,
            input.Recipient!,
            input.Content!,
            input.Priority ?? MessagePriority.Normal,
            CanonicalMetadata(input.Metadata),
            idempotencyKey,
            acceptedAtUtc,
            requestHash);
        var accepted = new MessageAcceptedEto(message.Id, message.Channel, message.Priority, message.AcceptedAt)
        {
            TenantId = tenantId,
            OccurredAt = message.AcceptedAt
        };
        return new AcceptedMessage(message, outbox.Create(accepted));
    }

    /// <summary>Sorted keys, so the same metadata always fingerprints the same way.</summary>
    public static string? CanonicalMetadata(Dictionary<string, string>? metadata) =>
        metadata is not { Count: > 0 }
            ? null
            : JsonSerializer.Serialize(new SortedDictionary<string, string>(metadata, StringComparer.Ordinal));
}
