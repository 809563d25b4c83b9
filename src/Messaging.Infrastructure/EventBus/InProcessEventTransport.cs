using Messaging.EventBus;

namespace Messaging.Infrastructure.EventBus;

/// <summary>
/// The embedded default's transport: the relay hands each event straight to this process's handlers, so an event
/// counts as confirmed once every handler had its effect. It still goes through the outbox, so nothing is lost.
/// </summary>
public sealed class InProcessEventTransport(IEventDispatcher dispatcher) : IEventTransport
{
    public string MessagingSystem => "in-process";

    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var outcomes = new PublishOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = await dispatcher.DispatchAsync(batch[i], cancellationToken);
        }

        return outcomes;
    }
}
