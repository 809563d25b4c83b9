using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Channel;

/// <summary>Wakes the delayed-message worker when a message was stored on this instance.</summary>
public sealed class DelayedMessageSignal : WakeSignal;

/// <summary>Runs delivery rounds of delayed messages on worker instances.</summary>
public sealed class DelayedMessageWorker(
    DelayedMessageDelivery delivery,
    DelayedMessageSignal signal,
    IOptionsMonitor<ChannelOptions> options,
    ILogger<DelayedMessageWorker> logger) : RoundWorker(signal, logger)
{
    protected override int FullRound => options.CurrentValue.DelayedMessages.BatchSize;

    protected override TimeSpan PollInterval => options.CurrentValue.DelayedMessages.PollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => delivery.DeliverOnceAsync(cancellationToken);
}

/// <summary>
/// One round: claims due delayed messages across tenants with a lease (a conditional update, so two workers never take
/// the same one), then posts those of each channel in its tenant, in one transaction that numbers the channel messages,
/// marks the delayed messages delivered (their status a concurrency token) and gives their places in the tenant's cap back. So a message is
/// posted once whichever instances run; a worker killed before its commit leaves the message to another after the
/// lease. A message whose channel was archived or deleted expires instead.
/// </summary>
public sealed partial class DelayedMessageDelivery(
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    IOptionsMonitor<ChannelOptions> options,
    ChannelMetrics metrics,
    TimeProvider clock,
    ILogger<DelayedMessageDelivery> logger)
{
    public async Task<int> DeliverOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.DelayedMessages;
        IReadOnlyList<ClaimedDelayedMessage> claimed;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<IDelayedMessageStore>()
                .ClaimDueAsync(settings.BatchSize, settings.ClaimDuration, cancellationToken);
        }

        try
        {
            foreach (var channel in claimed.GroupBy(c => (c.TenantId, c.ChannelId)))
            {
                await DeliverAsync(channel.Key.TenantId, channel.Key.ChannelId, channel.ToList(), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && claimed.Count > 0)
        {
            await ReleaseAsync(claimed[0].ClaimToken);
            throw;
        }

        return claimed.Count;
    }

    /// <summary>A round's messages for one channel, posted in one transaction: one number after the other, one commit.</summary>
    private async Task DeliverAsync(Guid tenantId, Guid channelId, IReadOnlyList<ClaimedDelayedMessage> claimed, CancellationToken cancellationToken)
    {
        using var tenant = currentTenant.Change(tenantId);
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IDelayedMessageStore>();
        var channels = services.GetRequiredService<IChannelRepository>();
        var delivered = new List<(DelayedMessage Delayed, ChannelMessage Message)>();
        var expired = 0;
        try
        {
            await services.GetRequiredService<ChannelPosting>().PostAsync(async token =>
            {
                delivered.Clear();
                expired = 0;
                var waiting = await store.FindClaimedAsync(claimed, token);
                if (waiting.Count == 0)
                {
                    return [];
                }

                var now = clock.GetUtcNow().UtcDateTime;
                var channel = await channels.FindAsync(channelId, token);
                await store.ReleaseAsync(tenantId, waiting.Count, token);
                foreach (var delayed in waiting)
                {
                    if (channel is null || channel.IsArchived)
                    {
                        delayed.Expire(now);
                        continue;
                    }

                    var posted = channel.Post(delayed.Content, delayed.PostedBy, now, delayed.Id);
                    channels.AddMessage(posted);
                    delayed.Delivered(posted, now);
                    delivered.Add((delayed, posted));
                }

                expired = channel is null || channel.IsArchived ? waiting.Count : 0;
                return delivered.Select(d => d.Message).ToList();
            }, cancellationToken);
            if (expired > 0)
            {
                metrics.Expired(expired);
                LogExpired(logger, expired, channelId, tenantId);
            }

            foreach (var (delayed, message) in delivered)
            {
                metrics.Delivered(message.PostedAt - delayed.DeliverAt);
                LogDelivered(logger, delayed.Id, channelId, message.Sequence, tenantId);
            }
        }
        catch (MessagingException refused) when (refused is ServiceUnavailableException or ConcurrencyConflictException)
        {
            // Still claimed: another round takes them once the lease ends.
            LogPostponed(logger, refused, claimed.Count, channelId, tenantId);
        }
    }

    private async Task ReleaseAsync(Guid claimToken)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopeFactory.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IDelayedMessageStore>().ReleaseClaimsAsync(claimToken, timeout.Token);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            LogReleaseFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delayed message {DelayedMessageId} posted to channel {ChannelId} as {Sequence} for tenant {TenantId}")]
    private static partial void LogDelivered(ILogger logger, Guid delayedMessageId, Guid channelId, long sequence, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} delayed messages expired: channel {ChannelId} of tenant {TenantId} is archived or gone")]
    private static partial void LogExpired(ILogger logger, int count, Guid channelId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} delayed messages for channel {ChannelId} of tenant {TenantId} could not be posted now; they are taken up again after their lease")]
    private static partial void LogPostponed(ILogger logger, Exception exception, int count, Guid channelId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the claims of a stopped delayed-message round; they end with their lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
