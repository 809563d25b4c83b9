namespace Messaging.Messages;

public sealed record MessageStatusDto(
    Guid TrackingId,
    MessageStatus Status,
    MessageChannel Channel,
    MessagePriority Priority,
    DateTime AcceptedAt,
    IReadOnlyList<MessageStatusHistoryItemDto> History);

public sealed record MessageStatusHistoryItemDto(MessageStatus Status, DateTime OccurredAt, string? Reason);
