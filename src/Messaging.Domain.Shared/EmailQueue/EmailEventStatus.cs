namespace Messaging.EmailQueue;

/// <summary>
/// Accepted once committed; Queued once the queue took its event (due for delivery, also between retries); then Sent, or
/// DeadLettered after a permanent failure or its last attempt, or Suppressed when its recipient is on the tenant's
/// suppression list.
/// </summary>
public enum EmailEventStatus
{
    Accepted,
    Queued,
    Sent,
    DeadLettered,
    Suppressed
}
