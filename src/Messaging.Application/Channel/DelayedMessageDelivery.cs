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
/// the same one), then posts each in its tenant, in one transaction that numbers the channel message, marks the delayed
/// message delivered (its status a concurrency token) and gives its place in the tenant's cap back. So a message is
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
            foreach (var one in claimed)
            {
                await DeliverAsync(one, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && claimed.Count > 0)
        {
            await ReleaseAsync(claimed[0].ClaimToken);
            throw;
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(ClaimedDelayedMessage claimed, CancellationToken cancellationToken)
    {
        using var tenant = currentTenant.Change(claimed.TenantId);
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IDelayedMessageStore>();
        var channels = services.GetRequiredService<IChannelRepository>();
        DelayedMessage? delivered = null;
        try
        {
            var message = await services.GetRequiredService<ChannelPosting>().PostAsync(async token =>
            {
                delivered = null;
                var delayed = await store.FindClaimedAsync(claimed, token);
                if (delayed is null)
                {
                    return null;
                }

                var now = clock.GetUtcNow().UtcDateTime;
                var channel = await channels.FindAsync(delayed.ChannelId, token);
                await store.ReleaseAsync(claimed.TenantId, token);
                if (channel is null || channel.IsArchived)
                {
                    delayed.Expire(now);
                    metrics.Expired();
                    LogExpired(logger, delayed.Id, delayed.ChannelId, claimed.TenantId);
                    return null;
                }

                var posted = channel.Post(delayed.Content, delayed.PostedBy, now, delayed.Id);
                channels.AddMessage(posted);
                delayed.Delivered(posted, now);
                delivered = delayed;
                return posted;
            }, cancellationToken);
            if (message is not null && delivered is not null)
            {
                metrics.Delivered(message.PostedAt - delivered.DeliverAt);
                LogDelivered(logger, delivered.Id, message.ChannelId, message.Sequence, claimed.TenantId);
            }
        }
        catch (MessagingException refused) when (refused is ServiceUnavailableException or ConcurrencyConflictException)
        {
            // Still claimed: another round takes it once the lease ends.
            LogPostponed(logger, refused, claimed.Id, claimed.TenantId);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Delayed message {DelayedMessageId} expired: channel {ChannelId} of tenant {TenantId} is archived or gone")]
    private static partial void LogExpired(ILogger logger, Guid delayedMessageId, Guid channelId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delayed message {DelayedMessageId} of tenant {TenantId} could not be posted now; it is taken up again after its lease")]
    private static partial void LogPostponed(ILogger logger, Exception exception, Guid delayedMessageId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the claims of a stopped delayed-message round; they end with their lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
