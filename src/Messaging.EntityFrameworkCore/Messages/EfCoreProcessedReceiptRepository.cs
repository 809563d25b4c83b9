using Messaging.Messages.Receipts;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public sealed class EfCoreProcessedReceiptRepository(MessagingDbContext db) : IProcessedReceiptRepository
{
    public async Task<IReadOnlySet<(Guid TenantId, string ReceiptId)>> FindProcessedAsync(string provider,
        IReadOnlyCollection<(Guid TenantId, string ReceiptId)> receipts, CancellationToken cancellationToken = default)
    {
        var tenantIds = receipts.Select(r => r.TenantId).Distinct().ToList();
        var receiptIds = receipts.Select(r => r.ReceiptId).Distinct().ToList();
        // Matches each tenant and receipt id apart (every database can take two lists), then keeps the pairs asked for.
        var candidates = await db.Set<ProcessedReceipt>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Provider == provider && tenantIds.Contains(r.TenantId) && receiptIds.Contains(r.ReceiptId))
            .Select(r => new { r.TenantId, r.ReceiptId })
            .ToListAsync(cancellationToken);
        var asked = receipts.ToHashSet();
        return candidates.Select(r => (r.TenantId, r.ReceiptId)).Where(asked.Contains).ToHashSet();
    }

    public void Add(ProcessedReceipt receipt) => db.Set<ProcessedReceipt>().Add(receipt);

    public Task<int> DeleteProcessedBeforeAsync(DateTime processedBefore, int maxCount, CancellationToken cancellationToken = default) =>
        db.Set<ProcessedReceipt>().IgnoreQueryFilters()
            .Where(r => r.ProcessedAt < processedBefore)
            .DeleteOldestAsync(db.Set<ProcessedReceipt>().IgnoreQueryFilters(), r => r.ProcessedAt, maxCount, cancellationToken);
}
