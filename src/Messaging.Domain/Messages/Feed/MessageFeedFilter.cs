namespace Messaging.Messages.Feed;

/// <summary>Which of the current tenant's messages the feed lists; a null criterion does not filter. Times are UTC, <c>To</c> exclusive.</summary>
public sealed record MessageFeedFilter(
    MessageStatus? Status = null,
    MessageChannel? Channel = null,
    MessagePriority? Priority = null,
    string? Recipient = null,
    DateTime? From = null,
    DateTime? To = null,
    IReadOnlyCollection<Guid>? TrackingIds = null);
