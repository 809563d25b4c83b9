namespace Messaging.EventBus;

/// <summary>Publishing is writing an outbox row into the current unit of work; the relay does the rest after commit.</summary>
public sealed class OutboxEventBus(OutboxMessageFactory factory, IOutboxWriter outbox) : IDistributedEventBus
{
    public Task PublishAsync<TEvent>(TEvent eventData, CancellationToken cancellationToken = default)
        where TEvent : IntegrationEvent
    {
        outbox.Add(factory.Create(eventData));
        return Task.CompletedTask;
    }
}
