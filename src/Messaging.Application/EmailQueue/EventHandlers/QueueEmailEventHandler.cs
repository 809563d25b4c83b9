using Messaging.EmailQueue.Events;
using Messaging.EventBus;

namespace Messaging.EmailQueue.EventHandlers;

/// <summary>Makes each accepted email event due for delivery, exactly once per acceptance event (through the inbox).</summary>
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
