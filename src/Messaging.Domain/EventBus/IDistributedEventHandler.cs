namespace Messaging.EventBus;

/// <summary>
/// Handles one event type. Runs in the event's tenant, inside a transaction that also records the event as
/// handled, so a redelivered event has its effect exactly once.
/// </summary>
public interface IDistributedEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleEventAsync(TEvent eventData, CancellationToken cancellationToken);
}
