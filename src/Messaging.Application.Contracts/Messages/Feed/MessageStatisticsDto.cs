namespace Messaging.Messages.Feed;

/// <summary>
/// Counts of the messages accepted in [From, To), one entry per bucket of the range in order, empty buckets included
/// (with a total of 0 and no counts). A message counts in the bucket of its acceptance, under its current status.
/// </summary>
public sealed record MessageStatisticsDto(DateTime From, DateTime To, StatisticsBucket Bucket, IReadOnlyList<MessageStatisticsBucketDto> Buckets);

/// <summary>A bucket starting at <see cref="Start"/> (UTC); the first and last may cover only part of their width when the range does.</summary>
public sealed record MessageStatisticsBucketDto(DateTime Start, int Total, IReadOnlyList<MessageStatisticsCountDto> Counts);

/// <summary>A non-zero count of one status on one channel.</summary>
public sealed record MessageStatisticsCountDto(MessageStatus Status, MessageChannel Channel, int Count);
