using Messaging.EventBus;

namespace Messaging.EmailQueue.Events;

/// <summary>
/// An email event that its publisher sent for something of its own (<see cref="SourceId"/>, a message) reached its end:
/// Sent, DeadLettered or Suppressed; or was refused before it was stored (<see cref="EmailEventId"/> null, DeadLettered).
/// Raised in the same transaction as that end, so the publisher hears of it exactly once. <see cref="MessageIdHeader"/> is
/// the Message-ID the receiving servers saw.
/// </summary>
[EventName("email-queue.email-event-completed")]
public sealed record EmailEventCompletedEto(
    Guid? EmailEventId,
    Guid SourceId,
    EmailEventStatus Status,
    DateTime CompletedAt,
    string? MessageIdHeader,
    string? FailureCode,
    string? Reason) : IntegrationEvent;
