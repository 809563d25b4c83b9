using Messaging.Messages.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public sealed class EfCoreSandboxDeliveryRepository(MessagingDbContext db) : ISandboxDeliveryRepository
{
    public async Task<bool> TryRecordAsync(SandboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        // Message ids are unique across tenants, so the check needs no tenant; a retry usually stops here, a race at the index.
        if (await db.SandboxDeliveries.IgnoreQueryFilters().AnyAsync(d => d.MessageId == delivery.MessageId, cancellationToken))
        {
            return false;
        }

        return await db.TryInsertAsync(delivery, cancellationToken);
    }

    public async Task<(long TotalCount, IReadOnlyList<SandboxDelivery> Items)> GetListAsync(Guid tenantId, Guid? messageId, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        var query = db.SandboxDeliveries.AsNoTracking().Where(d => d.TenantId == tenantId);
        if (messageId is { } id)
        {
            query = query.Where(d => d.MessageId == id);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.RecordedAt).ThenByDescending(d => d.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, items);
    }
}
