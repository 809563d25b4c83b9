namespace Messaging.Messages.Feed;

/// <summary>The range [From, To) in UTC, the bucket width and optionally one channel.</summary>
public sealed class GetMessageStatisticsInput
{
    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public StatisticsBucket? Bucket { get; set; }

    public MessageChannel? Channel { get; set; }
}
