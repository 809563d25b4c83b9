using Messaging.Caching;
using Messaging.ExceptionHandling;
using Messaging.Messages.Callbacks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

/// <summary>
/// Cancels a message of the current tenant that no provider can have heard of yet. The write is conditional on the
/// status it read (the status column is a concurrency token), and so is the dispatcher's write of Sending: of a cancel
/// and a dispatch racing for one message exactly one commits. The loser of a race reads again and answers from what won.
/// </summary>
public sealed partial class MessageCancellation(
    IMessageRepository messages,
    IUnitOfWork unitOfWork,
    IMessageStatusNotifier notifier,
    TenantCache cache,
    IOptionsMonitor<HighThroughputOptions> options,
    TimeProvider clock,
    ILogger<MessageCancellation> logger)
{
    private const int MaxPasses = 3;

    /// <summary>The message's status once cancelled; cancelling a cancelled message changes nothing and answers the same.</summary>
    public async Task<MessageStatusDto> CancelAsync(Guid trackingId, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            try
            {
                var message = await unitOfWork.RunAsync(token => CancelOnceAsync(trackingId, token), cancellationToken);
                if (message.Status != MessageStatus.Cancelled)
                {
                    throw new MessageNotCancellableException(trackingId, message.Status);
                }

                await cache.RemoveAsync(MessageStatusMapping.CacheKey(trackingId), cancellationToken);
                return MessageStatusMapping.ToDto(message);
            }
            catch (ConcurrencyConflictException conflict) when (pass < MaxPasses)
            {
                LogConflict(logger, conflict, trackingId, pass);
            }
            catch (ConcurrencyConflictException conflict)
            {
                throw new ServiceUnavailableException(MessagingErrorCodes.ConcurrencyConflict,
                    "The message is being changed by others; cancel it again shortly.", options.CurrentValue.Buffer.RetryAfter, conflict);
            }
        }
    }

    private async Task<Message> CancelOnceAsync(Guid trackingId, CancellationToken cancellationToken)
    {
        var message = await messages.FindForUpdateAsync(trackingId, cancellationToken)
            ?? throw new EntityNotFoundException("Message", trackingId);
        if (message.Cancel(clock.GetUtcNow().UtcDateTime))
        {
            await notifier.NotifyAsync(message, cancellationToken);
        }

        return message;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cancelling message {TrackingId} met a concurrent change in pass {Pass}; reading again")]
    private static partial void LogConflict(ILogger logger, Exception exception, Guid trackingId, int pass);
}
