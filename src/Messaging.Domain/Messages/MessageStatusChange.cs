namespace Messaging.Messages;

/// <summary>One entry of a message's status history; written once, never changed.</summary>
public sealed class MessageStatusChange
{
    private MessageStatusChange()
    {
    }

    public MessageStatusChange(Guid id, Guid messageId, Guid tenantId, MessageStatus status, DateTime occurredAt, string? reason)
    {
        Id = id;
        MessageId = messageId;
        TenantId = tenantId;
        Status = status;
        OccurredAt = occurredAt;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public Guid MessageId { get; private set; }
    public Guid TenantId { get; private set; }
    public MessageStatus Status { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string? Reason { get; private set; }
}
