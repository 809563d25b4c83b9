using Messaging.Dtos;

namespace Messaging.Channel;

/// <summary>The current tenant's channels.</summary>
public interface IChannelAppService
{
    Task<ChannelDto> CreateAsync(CreateChannelDto input, CancellationToken cancellationToken);

    /// <summary>From the metadata cache (5 minutes, evicted on every instance by any change).</summary>
    Task<ChannelDto> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<PagedResultDto<ChannelListItemDto>> GetListAsync(GetChannelListInput input, CancellationToken cancellationToken);

    Task<ChannelDto> UpdateAsync(Guid id, UpdateChannelDto input, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    Task<ChannelSubscriptionTokenDto> IssueSubscriptionTokenAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>Posting to a channel, its history and its delayed messages.</summary>
public interface IChannelMessageAppService
{
    Task<ChannelPostResultDto> PostAsync(Guid channelId, PostChannelMessageDto input, CancellationToken cancellationToken);

    Task<ChannelMessagePageDto> GetListAsync(Guid channelId, GetChannelMessagesInput input, CancellationToken cancellationToken);

    Task<DelayedMessageDto> GetDelayedAsync(Guid channelId, Guid id, CancellationToken cancellationToken);

    /// <summary>The channel's delayed messages in due order, optionally of one status.</summary>
    Task<PagedResultDto<DelayedMessageDto>> GetDelayedListAsync(Guid channelId, GetDelayedMessagesInput input, CancellationToken cancellationToken);

    /// <summary>Cancels a delayed message still waiting; cancelling it again answers the same.</summary>
    Task<DelayedMessageDto> CancelDelayedAsync(Guid channelId, Guid id, CancellationToken cancellationToken);
}

/// <summary>Work an external scheduler triggers, authenticated by the shared cron secret.</summary>
public interface IChannelCronAppService
{
    /// <param name="authorization">The request's <c>Authorization</c> header, expected to be <c>Bearer &lt;Cron:Secret&gt;</c>.</param>
    Task<DelayedMessageCleanupReportDto> CleanupDelayedMessagesAsync(string? authorization, CancellationToken cancellationToken);
}
