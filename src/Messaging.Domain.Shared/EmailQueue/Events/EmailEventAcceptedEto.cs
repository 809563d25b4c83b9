using Messaging.EventBus;

namespace Messaging.EmailQueue.Events;

/// <summary>An email event was committed; written to the outbox in the same transaction as the event itself.</summary>
[EventName("email-queue.email-event-accepted")]
public sealed record EmailEventAcceptedEto(Guid EmailEventId, EmailEventType Type) : IntegrationEvent;
