namespace Messaging.Messages.Receipts;

/// <summary>
/// A delivery receipt we have acted on. Its key (tenant, provider, receipt id) is unique and it is written in the same
/// transaction as the message change it caused, so a receipt the provider sends again changes nothing.
/// </summary>
public sealed class ProcessedReceipt
{
    private ProcessedReceipt()
    {
        Provider = null!;
        ReceiptId = null!;
        ProviderStatus = null!;
    }

    public ProcessedReceipt(Guid id, Guid tenantId, string provider, string receiptId, Guid messageId, string providerStatus, DateTime processedAt)
    {
        Id = id;
        TenantId = tenantId;
        Provider = provider;
        ReceiptId = receiptId;
        MessageId = messageId;
        ProviderStatus = providerStatus;
        ProcessedAt = processedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Provider { get; private set; }

    /// <summary>The provider's id for this receipt (for WhatsApp, which sends none: status id, status and timestamp).</summary>
    public string ReceiptId { get; private set; }

    public Guid MessageId { get; private set; }

    /// <summary>The status as the provider named it ("delivered", "read", "failed"...).</summary>
    public string ProviderStatus { get; private set; }

    public DateTime ProcessedAt { get; private set; }
}
