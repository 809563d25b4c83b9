using Messaging.EmailQueue;
using Messaging.EmailQueue.Events;
using Messaging.EventBus;
using Messaging.Messages.Callbacks;
using Microsoft.Extensions.Logging;

namespace Messaging.Messages.EventHandlers;

/// <summary>
/// Records how the email queue ended an Email message it took over: Sent (with the Message-ID the receivers saw as the
/// provider's id for it) or Failed, and tells the tenant's status callback as any other channel's end does.
/// </summary>
public sealed partial class RecordEmailOutcomeHandler(
    IMessageRepository messages,
    IMessageStatusNotifier notifier,
    ILogger<RecordEmailOutcomeHandler> logger) : IDistributedEventHandler<EmailEventCompletedEto>
{
    public const string ProviderName = "email";

    public async Task HandleEventAsync(EmailEventCompletedEto eventData, CancellationToken cancellationToken)
    {
        if (await messages.FindForUpdateAsync(eventData.SourceId, cancellationToken) is not { } message)
        {
            // Correlated with something that is not a message (another publisher), or a message since deleted by retention.
            return;
        }

        var recorded = eventData.Status == EmailEventStatus.Sent
            ? message.MarkSent(ProviderName, eventData.MessageIdHeader, eventData.CompletedAt)
            : message.MarkFailed(eventData.CompletedAt, eventData.FailureCode ?? eventData.Status.ToString(),
                eventData.Reason ?? $"the email queue ended it {eventData.Status}");
        if (recorded)
        {
            await notifier.NotifyAsync(message, cancellationToken);
        }
        else
        {
            LogOutcomeIgnored(logger, message.Id, message.TenantId, eventData.Status, message.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Message {MessageId} of tenant {TenantId}: the email queue ended it {EmailStatus}, but it is {MessageStatus}; nothing changed")]
    private static partial void LogOutcomeIgnored(ILogger logger, Guid messageId, Guid tenantId, EmailEventStatus emailStatus, MessageStatus messageStatus);
}
