using System.ComponentModel;

namespace Messaging.Messages;

/// <summary>A message's status and history; immutable, so caches may hand out one instance.</summary>
[ImmutableObject(true)]
public sealed record MessageStatusDto(
    Guid TrackingId,
    MessageStatus Status,
    MessageChannel Channel,
    MessagePriority Priority,
    DateTime AcceptedAt,
    IReadOnlyList<MessageStatusHistoryItemDto> History,
    int DispatchAttempts = 0,
    string? ProviderName = null,
    string? ProviderMessageId = null,
    string? FailureCode = null);

[ImmutableObject(true)]
public sealed record MessageStatusHistoryItemDto(MessageStatus Status, DateTime OccurredAt, string? Reason);
