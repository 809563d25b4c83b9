using Messaging.EventBus;

namespace Messaging.Messages.Events;

/// <summary>
/// A message of the Email channel was queued: the module that delivers email takes it from here and answers with its
/// outcome. Raised in the same transaction as the change to Queued, so it is handed over exactly once.
/// </summary>
[EventName("messages.email-message-queued")]
public sealed record EmailMessageQueuedEto(Guid MessageId, string Recipient, string Subject, string Content) : IntegrationEvent;
