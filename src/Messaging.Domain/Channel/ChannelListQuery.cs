namespace Messaging.Channel;

public enum ChannelSortField
{
    Name,
    CreatedAt,
    LastMessageAt
}

/// <summary>A page of the channel list: filters (each optional), the order and the window.</summary>
public sealed record ChannelListQuery(
    string? NameContains,
    string? Tag,
    bool? IsArchived,
    ChannelSortField Sort,
    bool Descending,
    int Skip,
    int Take);

public sealed record LastChannelMessage(Guid Id, long Sequence, string Content, DateTime PostedAt, string? PostedBy);

/// <summary>A channel with what the list shows of its messages.</summary>
public sealed record ChannelSummary(Channel Channel, long MessageCount, LastChannelMessage? LastMessage);

/// <summary>
/// Reads the channel list. <c>Batched</c> loads a page in a fixed number of queries whatever its size; <c>PerChannel</c>
/// loads each channel's figures with queries of its own, kept as the benchmark's baseline.
/// </summary>
public interface IChannelListReader
{
    Task<(long TotalCount, IReadOnlyList<ChannelSummary> Items)> ReadAsync(ChannelListQuery query, CancellationToken cancellationToken);
}
