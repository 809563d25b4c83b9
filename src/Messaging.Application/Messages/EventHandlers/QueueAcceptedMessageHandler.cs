using Messaging.EventBus;
using Messaging.Messages.Events;

namespace Messaging.Messages.EventHandlers;

/// <summary>Moves each accepted message to Queued for dispatch, exactly once per acceptance event.</summary>
public sealed class QueueAcceptedMessageHandler(IMessageRepository messages, TimeProvider clock) : IDistributedEventHandler<MessageAcceptedEto>
{
    public async Task HandleEventAsync(MessageAcceptedEto eventData, CancellationToken cancellationToken)
    {
        var message = await messages.FindForUpdateAsync(eventData.MessageId, cancellationToken)
            ?? throw new InvalidOperationException($"Message {eventData.MessageId} of tenant {eventData.TenantId} is not stored.");
        message.MarkQueued(clock.GetUtcNow().UtcDateTime);
    }
}
