namespace Messaging.Messages.Feed;

/// <summary>One page of the feed; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record MessageFeedPageDto(IReadOnlyList<MessageFeedItemDto> Items, string? NextCursor);

/// <summary>A message's state in the feed; its content is only in the message itself.</summary>
public sealed record MessageFeedItemDto(
    Guid TrackingId,
    MessageStatus Status,
    MessageChannel Channel,
    MessagePriority Priority,
    string Recipient,
    DateTime AcceptedAt,
    DateTime LastStatusChangeAt,
    int DispatchAttempts,
    string? ProviderName,
    string? FailureCode);
