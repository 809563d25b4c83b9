namespace Messaging.Messages.Feed;

/// <summary>The caller's messages: a filtered feed, newest first, and counts over time for dashboards.</summary>
public interface IMessageFeedAppService
{
    Task<MessageFeedPageDto> GetListAsync(GetMessageFeedInput input, CancellationToken cancellationToken = default);

    Task<MessageStatisticsDto> GetStatisticsAsync(GetMessageStatisticsInput input, CancellationToken cancellationToken = default);
}
