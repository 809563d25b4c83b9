using Messaging.ExceptionHandling;
using Messaging.ServerSentEvents;
using Microsoft.Extensions.Logging;

namespace Messaging.Channel;

/// <summary>
/// Posts a message to a channel: numbers it and stores it in one transaction, and only after the commit hands it to the
/// SSE hub, so subscribers never see a message that was not stored (a hub that misses it still serves it from the
/// history to a resuming client). Two posts racing on one channel cannot take one number: the loser numbers again.
/// </summary>
public sealed partial class ChannelPosting(
    IUnitOfWork unitOfWork,
    IServerSentEventPublisher hub,
    ChannelMetrics metrics,
    ILogger<ChannelPosting> logger)
{
    private const int Attempts = 5;

    /// <param name="post">Runs inside the transaction (again after a lost race); returns the messages it posted.</param>
    public async Task<IReadOnlyList<ChannelMessage>> PostAsync(Func<CancellationToken, Task<IReadOnlyList<ChannelMessage>>> post,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<ChannelMessage> messages;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                messages = await unitOfWork.RunAsync(post, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException conflict) when (attempt >= Attempts)
            {
                throw new ServiceUnavailableException(MessagingErrorCodes.ConcurrencyConflict,
                    "The channel is too busy to take this post now; try again.", TimeSpan.FromSeconds(1), conflict);
            }
            catch (ConcurrencyConflictException)
            {
            }
        }

        foreach (var message in messages)
        {
            metrics.Posted();
            await PublishAsync(message);
        }

        return messages;
    }

    public async Task PublishAsync(ChannelMessage message)
    {
        try
        {
            await hub.PublishAsync(ChannelEvents.Topic(message.TenantId, message.ChannelId), ChannelEvents.Message(message), CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // Stored all the same: subscribers that resume get it from the channel's history.
            LogPublishFailed(logger, failure, message.ChannelId, message.Sequence, message.TenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Sequence} of channel {ChannelId} (tenant {TenantId}) was stored but not published live")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid channelId, long sequence, Guid tenantId);
}
