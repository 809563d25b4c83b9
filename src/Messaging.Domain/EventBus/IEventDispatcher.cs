namespace Messaging.EventBus;

/// <summary>Hands one received event to this process's handlers; what a transport calls for each event it consumes.</summary>
public interface IEventDispatcher
{
    Task<PublishOutcome> DispatchAsync(OutboxMessage message, CancellationToken cancellationToken);
}
