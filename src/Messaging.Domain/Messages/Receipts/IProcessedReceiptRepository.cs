namespace Messaging.Messages.Receipts;

/// <summary>The receipts already acted on; additions are saved by the surrounding unit of work.</summary>
public interface IProcessedReceiptRepository
{
    Task<bool> ExistsAsync(Guid tenantId, string provider, string receiptId, CancellationToken cancellationToken = default);

    void Add(ProcessedReceipt receipt);

    /// <summary>Forgets receipts processed before <paramref name="processedBefore"/>, for all tenants.</summary>
    Task<int> DeleteProcessedBeforeAsync(DateTime processedBefore, CancellationToken cancellationToken = default);
}
