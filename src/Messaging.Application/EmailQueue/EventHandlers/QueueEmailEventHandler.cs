using Messaging.EmailQueue.Events;
using Messaging.EventBus;

namespace Messaging.EmailQueue.EventHandlers;

/// <summary>
/// Makes an email event that an earlier version left Accepted due for delivery, once per acceptance event (through the
/// inbox): those versions queued events only here, so what their outboxes still hold after an upgrade is not lost.
/// </summary>
public sealed class QueueEmailEventHandler(IEmailEventRepository repository, IUnitOfWork unitOfWork, EmailQueueSignal signal, TimeProvider clock)
    : IDistributedEventHandler<EmailEventAcceptedEto>
{
    public async Task HandleEventAsync(EmailEventAcceptedEto eventData, CancellationToken cancellationToken)
    {
        var emailEvent = await repository.FindForUpdateAsync(eventData.EmailEventId, cancellationToken)
            ?? throw new InvalidOperationException($"Email event {eventData.EmailEventId} of tenant {eventData.TenantId} is not stored.");
        if (emailEvent.MarkQueued(clock.GetUtcNow().UtcDateTime))
        {
            unitOfWork.OnCommitted(signal.Notify);
        }
    }
}
