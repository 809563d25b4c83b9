using Messaging.Messages.Receipts;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public sealed class EfCoreProcessedReceiptRepository(MessagingDbContext db) : IProcessedReceiptRepository
{
    public Task<bool> ExistsAsync(Guid tenantId, string provider, string receiptId, CancellationToken cancellationToken = default) =>
        db.Set<ProcessedReceipt>().AsNoTracking()
            .AnyAsync(r => r.TenantId == tenantId && r.Provider == provider && r.ReceiptId == receiptId, cancellationToken);

    public void Add(ProcessedReceipt receipt) => db.Set<ProcessedReceipt>().Add(receipt);

    public Task<int> DeleteProcessedBeforeAsync(DateTime processedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        var batch = db.Set<ProcessedReceipt>().IgnoreQueryFilters()
            .Where(r => r.ProcessedAt < processedBefore)
            .OrderBy(r => r.ProcessedAt)
            .Select(r => r.Id)
            .Take(maxCount);
        return db.Set<ProcessedReceipt>().IgnoreQueryFilters().Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
