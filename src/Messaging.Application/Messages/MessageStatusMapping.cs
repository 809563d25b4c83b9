namespace Messaging.Messages;

/// <summary>What the status API shows of a message, and where a read of it is cached.</summary>
public static class MessageStatusMapping
{
    public static string CacheKey(Guid trackingId) => $"message-status:{trackingId:N}";

    public static MessageStatusDto ToDto(Message message)
    {
        var history = message.History
            .OrderBy(change => change.OccurredAt)
            .ThenBy(change => change.Status)
            .Select(change => new MessageStatusHistoryItemDto(change.Status, change.OccurredAt, change.Reason))
            .ToList();
        return new MessageStatusDto(message.Id, message.Status, message.Channel, message.Priority, message.AcceptedAt, history,
            message.DispatchAttempts, message.ProviderName, message.ProviderMessageId, message.FailureCode);
    }
}
