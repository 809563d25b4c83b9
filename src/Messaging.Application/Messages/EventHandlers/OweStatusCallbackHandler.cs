using Messaging.EventBus;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Events;

namespace Messaging.Messages.EventHandlers;

/// <summary>
/// Records the callback a status change owes in the inbox transaction, so handling the event and owing the callback
/// commit together. The post happens in <see cref="StatusCallbackDelivery"/>: the handler must not wait on a tenant's server.
/// </summary>
public sealed class OweStatusCallbackHandler(IPendingStatusCallbackStore pending, IUnitOfWork unitOfWork, StatusCallbackSignal signal, TimeProvider clock)
    : IDistributedEventHandler<MessageStatusChangedEto>
{
    public Task HandleEventAsync(MessageStatusChangedEto eventData, CancellationToken cancellationToken)
    {
        var tenantId = eventData.TenantId ?? throw new InvalidOperationException("A status change always belongs to a tenant.");
        pending.Add(new PendingStatusCallback(eventData.EventId, tenantId, eventData.MessageId, eventData.Status, eventData.StatusChangedAt,
            eventData.Reason, eventData.FailureCode, eventData.ProviderMessageId, clock.GetUtcNow().UtcDateTime));
        unitOfWork.OnCommitted(signal.Notify);
        return Task.CompletedTask;
    }
}
