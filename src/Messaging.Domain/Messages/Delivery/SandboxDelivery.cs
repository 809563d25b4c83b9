namespace Messaging.Messages.Delivery;

/// <summary>What the sandbox provider would have sent for one message: recorded instead of delivered, once per message.</summary>
public sealed class SandboxDelivery
{
    private SandboxDelivery()
    {
        Recipient = null!;
        Content = null!;
    }

    public SandboxDelivery(Guid id, Guid tenantId, Guid messageId, MessageChannel channel, string recipient, string content,
        string? metadataJson, int attempt, DateTime recordedAt)
    {
        Id = id;
        TenantId = tenantId;
        MessageId = messageId;
        Channel = channel;
        Recipient = recipient;
        Content = content;
        MetadataJson = metadataJson;
        Attempt = attempt;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid MessageId { get; private set; }
    public MessageChannel Channel { get; private set; }
    public string Recipient { get; private set; }
    public string Content { get; private set; }
    public string? MetadataJson { get; private set; }

    /// <summary>The attempt that was recorded; a later attempt of the same message finds this record and adds none.</summary>
    public int Attempt { get; private set; }

    public DateTime RecordedAt { get; private set; }
}
