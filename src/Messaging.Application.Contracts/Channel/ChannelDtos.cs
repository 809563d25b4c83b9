namespace Messaging.Channel;

public sealed class CreateChannelDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string[]? Tags { get; set; }
}

public sealed class UpdateChannelDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string[]? Tags { get; set; }

    /// <summary>An archived channel keeps its history and subscribers but takes no posts.</summary>
    public bool IsArchived { get; set; }
}

public sealed record ChannelDto(
    Guid Id,
    string Name,
    string? Description,
    IReadOnlyList<string> Tags,
    string? CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    bool IsArchived);

/// <summary>A channel in the list, with its figures.</summary>
public sealed record ChannelListItemDto(
    Guid Id,
    string Name,
    string? Description,
    IReadOnlyList<string> Tags,
    string? CreatedBy,
    DateTime CreatedAt,
    bool IsArchived,
    long MessageCount,
    int SubscriberCount,
    ChannelMessageDto? LastMessage);

/// <summary>Filters (each optional, all must hold), the order and the page of the channel list.</summary>
public sealed class GetChannelListInput
{
    /// <summary>Part of the name, matched literally (no wildcards).</summary>
    public string? Filter { get; set; }

    /// <summary>Channels carrying this tag.</summary>
    public string? Tag { get; set; }

    public bool? IsArchived { get; set; }

    /// <summary><c>name</c>, <c>createdAt</c> or <c>lastMessageAt</c>, optionally followed by <c>asc</c> or <c>desc</c>; <c>createdAt desc</c> when left out.</summary>
    public string? Sorting { get; set; }

    public int? SkipCount { get; set; }

    /// <summary>1 to 1,000; 50 when left out.</summary>
    public int? MaxResultCount { get; set; }
}

public sealed record ChannelMessageDto(Guid Id, Guid ChannelId, long Sequence, string Content, string? PostedBy, DateTime PostedAt);

public sealed class PostChannelMessageDto
{
    public string? Content { get; set; }

    /// <summary>When to deliver it (UTC, within <c>Channel:DelayedMessages:MaxHorizon</c>); now when left out or past.</summary>
    public DateTime? DeliverAt { get; set; }
}

/// <summary>The message posted now, or the delayed message stored for later: exactly one of the two.</summary>
public sealed record ChannelPostResultDto(ChannelMessageDto? Message, DelayedMessageDto? DelayedMessage);

public sealed record DelayedMessageDto(
    Guid Id,
    Guid ChannelId,
    string Content,
    DateTime DeliverAt,
    DateTime CreatedAt,
    DelayedMessageStatus Status,
    DateTime? FinishedAt,
    long? Sequence);

/// <summary>Which of a channel's delayed messages to list: <c>status</c> is optional; pages by <c>skipCount</c> and <c>maxResultCount</c> (1 to 1,000).</summary>
public sealed class GetDelayedMessagesInput
{
    public DelayedMessageStatus? Status { get; set; }

    public int? SkipCount { get; set; }

    public int? MaxResultCount { get; set; }
}

public sealed class GetChannelMessagesInput
{
    /// <summary>The <c>nextBeforeSequence</c> of the previous page; none for the newest messages.</summary>
    public long? BeforeSequence { get; set; }

    /// <summary>1 to 1,000; 50 when left out.</summary>
    public int? PageSize { get; set; }
}

/// <summary>Newest first; <see cref="NextBeforeSequence"/> is null on the last page.</summary>
public sealed record ChannelMessagePageDto(IReadOnlyList<ChannelMessageDto> Items, long? NextBeforeSequence);

/// <summary>A token a browser puts in the events URL (<c>?access_token=</c>): it allows subscribing to this one channel until it expires.</summary>
public sealed record ChannelSubscriptionTokenDto(string Token, DateTime ExpiresAt, string EventsUrl);

/// <summary>What one cleanup of delayed messages did; <see cref="Ran"/> is false when another instance was running it.</summary>
public sealed record DelayedMessageCleanupReportDto(bool Ran, int Deleted, int Batches, DateTime? Cutoff);
