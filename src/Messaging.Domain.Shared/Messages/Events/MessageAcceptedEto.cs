using Messaging.EventBus;

namespace Messaging.Messages.Events;

/// <summary>A message was durably accepted; raised in the same transaction that stored it.</summary>
[EventName("messages.message-accepted")]
public sealed record MessageAcceptedEto(Guid MessageId, MessageChannel Channel, MessagePriority Priority, DateTime AcceptedAt)
    : IntegrationEvent;
