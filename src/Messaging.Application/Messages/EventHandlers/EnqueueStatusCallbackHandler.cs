using Messaging.BackgroundJobs;
using Messaging.EventBus;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Events;

namespace Messaging.Messages.EventHandlers;

/// <summary>
/// Hands each status change to a callback job. The post happens in the job, not here: the handler runs inside the
/// inbox transaction, which must not wait on a tenant's server, and the job's scheduled retries back off the same
/// way whichever event transport delivered the event.
/// </summary>
public sealed class EnqueueStatusCallbackHandler(IBackgroundJobManager jobs) : IDistributedEventHandler<MessageStatusChangedEto>
{
    public Task HandleEventAsync(MessageStatusChangedEto eventData, CancellationToken cancellationToken)
    {
        jobs.Enqueue<DeliverStatusCallbackJob, DeliverStatusCallbackArgs>(new DeliverStatusCallbackArgs(
            eventData.TenantId, eventData.EventId, eventData.MessageId, eventData.Status, eventData.StatusChangedAt, eventData.Reason,
            eventData.FailureCode, eventData.ProviderMessageId));
        return Task.CompletedTask;
    }
}
