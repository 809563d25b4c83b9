namespace Messaging.Messages.Feed;

/// <summary>A message as the feed shows it: its state, never its content.</summary>
public sealed record MessageFeedEntry(
    Guid Id,
    MessageStatus Status,
    MessageChannel Channel,
    MessagePriority Priority,
    string Recipient,
    DateTime AcceptedAt,
    DateTime StatusChangedAt,
    int DispatchAttempts,
    string? ProviderName,
    string? FailureCode)
{
    public MessageFeedPosition Position => new(AcceptedAt, Id);
}
