using Messaging.MultiTenancy;
using Messaging.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Channel;

/// <summary>
/// A channel's resuming subscribers are replayed from its stored messages, on any instance and after any restart: at
/// most <c>Channel:ReplayCount</c> messages no older than <c>Channel:ReplayAge</c>. When more were missed, the
/// subscriber gets a <c>gap</c> event and then the newest it can have.
/// </summary>
public sealed class ChannelReplaySource(
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    IOptionsMonitor<ChannelOptions> options,
    TimeProvider clock) : ISseReplaySource
{
    public string Kind => ChannelEvents.TopicKind;

    public async Task<SseReplay> ReplayAsync(SseTopic topic, long lastEventId, CancellationToken cancellationToken)
    {
        if (!ChannelEvents.TryReadChannelId(topic, out var channelId))
        {
            return new SseReplay([], false);
        }

        var settings = options.CurrentValue;
        using var tenant = currentTenant.Change(topic.TenantId);
        await using var scope = scopeFactory.CreateAsyncScope();
        var channels = scope.ServiceProvider.GetRequiredService<IChannelRepository>();
        var channel = await channels.FindAsync(channelId, cancellationToken);
        if (channel is null || channel.LastSequence <= lastEventId)
        {
            return new SseReplay([], false);
        }

        var notBefore = clock.GetUtcNow().UtcDateTime - settings.ReplayAge;
        var firstWanted = Math.Max(lastEventId, channel.LastSequence - settings.ReplayCount);
        var missed = await channels.ListMessagesAfterAsync(channelId, firstWanted, settings.ReplayCount, notBefore, cancellationToken);
        var firstReplayed = missed.Count > 0 ? missed[0].Sequence : channel.LastSequence + 1;
        return new SseReplay(missed.Select(ChannelEvents.Message).ToList(), firstReplayed > lastEventId + 1);
    }
}
