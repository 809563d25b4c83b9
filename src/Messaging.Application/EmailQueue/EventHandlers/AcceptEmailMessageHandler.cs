using System.Text.Json;
using Messaging.EmailQueue.Events;
using Messaging.EmailQueue.Payloads;
using Messaging.EventBus;
using Messaging.Messages.Events;
using Messaging.MultiTenancy;

namespace Messaging.EmailQueue.EventHandlers;

/// <summary>
/// Takes over a message of the Messages module's Email channel as a plain email event, queued at once and correlated
/// with the message, so its end is announced back (<see cref="EmailEventCompletedEto"/>). Exactly once per message: the
/// inbox, and the message id as the event's idempotency key. A message this module cannot send (an address it does not
/// accept) is announced as dead at once instead of stored.
/// </summary>
public sealed class AcceptEmailMessageHandler(
    ICurrentTenant currentTenant,
    IEmailEventRepository repository,
    IDistributedEventBus eventBus,
    IUnitOfWork unitOfWork,
    EmailQueueSignal signal,
    EmailQueueMetrics metrics,
    TimeProvider clock) : IDistributedEventHandler<EmailMessageQueuedEto>
{
    public const string RefusedFailureCode = "email.refused";

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public async Task HandleEventAsync(EmailMessageQueuedEto eventData, CancellationToken cancellationToken)
    {
        var tenantId = eventData.TenantId ?? throw new InvalidOperationException($"Message {eventData.MessageId} has no tenant.");
        using var tenant = currentTenant.Change(tenantId);
        var now = clock.GetUtcNow().UtcDateTime;
        var payload = new MessagePayload { To = eventData.Recipient, Subject = eventData.Subject, Text = eventData.Content };
        var errors = payload.Validate();
        if (errors.Count > 0)
        {
            await eventBus.PublishAsync(new EmailEventCompletedEto(null, eventData.MessageId, EmailEventStatus.DeadLettered, now, null, RefusedFailureCode,
                EmailPayloadErrors.Describe(errors))
            {
                TenantId = tenantId,
                OccurredAt = now
            }, cancellationToken);
            return;
        }

        var idempotencyKey = $"message:{eventData.MessageId:N}";
        if (await repository.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken) is not null)
        {
            return;
        }

        var payloadJson = JsonSerializer.Serialize(payload, PayloadJson);
        var emailEvent = EmailEvent.Accept(tenantId, EmailEventType.Message, payload.To!, payloadJson, idempotencyKey, eventData.MessageId.ToString("N"),
            now, sourceId: eventData.MessageId);
        emailEvent.MarkQueued(now);
        repository.Add(emailEvent);
        metrics.Published(EmailEventType.Message);
        unitOfWork.OnCommitted(signal.Notify);
    }
}
