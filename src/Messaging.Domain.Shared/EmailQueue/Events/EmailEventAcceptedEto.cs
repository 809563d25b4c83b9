using Messaging.EventBus;

namespace Messaging.EmailQueue.Events;

/// <summary>
/// An email event was committed. Written by earlier versions, which queued an event only when this arrived; a published
/// event is now queued in its own commit, so none is written any more, but an outbox may still hold some after an upgrade.
/// </summary>
[EventName("email-queue.email-event-accepted")]
public sealed record EmailEventAcceptedEto(Guid EmailEventId, EmailEventType Type) : IntegrationEvent;
