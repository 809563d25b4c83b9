namespace Messaging.EventBus;

/// <summary>
/// Publishes integration events through the transactional outbox: the event is stored with the state change
/// of the current unit of work and relayed to the transport only after that commit.
/// </summary>
public interface IDistributedEventBus
{
    Task PublishAsync<TEvent>(TEvent eventData, CancellationToken cancellationToken = default)
        where TEvent : IntegrationEvent;
}
