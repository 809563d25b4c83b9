using Messaging.EventBus;

namespace Messaging.Messages.Events;

/// <summary>
/// A message reached a status its tenant hears about through its status callback (Sent, Delivered or Failed).
/// Raised in the same transaction as the change, and only for tenants that have a callback.
/// </summary>
[EventName("messages.message-status-changed")]
public sealed record MessageStatusChangedEto(
    Guid MessageId,
    MessageStatus Status,
    DateTime StatusChangedAt,
    string? Reason,
    string? FailureCode,
    string? ProviderMessageId) : IntegrationEvent;
