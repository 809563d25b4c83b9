namespace Messaging.Messages.Receipts;

/// <summary>The receipts already acted on; additions are saved by the surrounding unit of work.</summary>
public interface IProcessedReceiptRepository
{
    /// <summary>Which of the given (tenant, receipt id) pairs of the provider were processed already, in one query.</summary>
    Task<IReadOnlySet<(Guid TenantId, string ReceiptId)>> FindProcessedAsync(string provider,
        IReadOnlyCollection<(Guid TenantId, string ReceiptId)> receipts, CancellationToken cancellationToken = default);

    void Add(ProcessedReceipt receipt);

    /// <summary>
    /// Forgets at most <paramref name="maxCount"/> receipts processed before <paramref name="processedBefore"/>, of all
    /// tenants, in one short statement; returns how many it deleted.
    /// </summary>
    Task<int> DeleteProcessedBeforeAsync(DateTime processedBefore, int maxCount, CancellationToken cancellationToken = default);
}
