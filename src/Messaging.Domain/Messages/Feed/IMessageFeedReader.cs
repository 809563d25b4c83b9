namespace Messaging.Messages.Feed;

/// <summary>Reads of the current tenant's messages for the activity feed and its statistics, bounded by an index.</summary>
public interface IMessageFeedReader
{
    /// <summary>Up to <paramref name="count"/> messages matching the filter, newest first, after <paramref name="after"/> when given.</summary>
    Task<IReadOnlyList<MessageFeedEntry>> GetPageAsync(MessageFeedFilter filter, MessageFeedPosition? after, int count,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Messages accepted in [<paramref name="from"/>, <paramref name="to"/>), counted by bucket of their acceptance time,
    /// current status and channel. Only non-zero counts are returned.
    /// </summary>
    Task<IReadOnlyList<MessageCount>> CountAsync(DateTime from, DateTime to, StatisticsBucket bucket, MessageChannel? channel,
        CancellationToken cancellationToken = default);
}
