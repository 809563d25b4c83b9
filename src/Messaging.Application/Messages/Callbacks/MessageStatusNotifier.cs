using Messaging.EventBus;
using Messaging.Messages.Events;

namespace Messaging.Messages.Callbacks;

public sealed class MessageStatusNotifier(StatusCallbackLookup lookup, IDistributedEventBus eventBus) : IMessageStatusNotifier
{
    /// <summary>
    /// The statuses tenants are told about. Queued and Sending are internal steps (Sending repeats with every attempt);
    /// Accepted is the answer to the send request itself.
    /// </summary>
    public static bool IsReported(MessageStatus status) => status is MessageStatus.Sent or MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Cancelled;

    public async Task NotifyAsync(Message message, CancellationToken cancellationToken = default)
    {
        if (!IsReported(message.Status) || !await lookup.HasCallbackAsync(message.TenantId, cancellationToken))
        {
            return;
        }

        var latest = message.History.Count > 0 && message.History[^1].Status == message.Status ? message.History[^1] : null;
        await eventBus.PublishAsync(new MessageStatusChangedEto(message.Id, message.Status, message.StatusChangedAt, latest?.Reason,
            message.Status == MessageStatus.Failed ? message.FailureCode : null, message.ProviderMessageId)
        {
            TenantId = message.TenantId,
            OccurredAt = message.StatusChangedAt
        }, cancellationToken);
    }
}
