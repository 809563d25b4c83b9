using Messaging.EventBus;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EventBus;

public sealed class EfCoreParkedEventStore(MessagingDbContext db) : IParkedEventStore
{
    public async Task<(long TotalCount, IReadOnlyList<OutboxMessage> Items)> GetPageAsync(ParkedEventFilter filter, int skip, int take,
        CancellationToken cancellationToken)
    {
        var matching = Matching(filter);
        var total = await matching.LongCountAsync(cancellationToken);
        var items = await matching.AsNoTracking()
            .OrderByDescending(o => o.DeadLetteredAt).ThenBy(o => o.Id)
            .Skip(skip).Take(take)
            .ToListAsync(cancellationToken);
        return (total, items);
    }

    public Task<int> ReplayAsync(ParkedEventFilter filter, CancellationToken cancellationToken) =>
        Matching(filter).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.DeadLetteredAt, (DateTime?)null)
            .SetProperty(o => o.FailedAttempts, 0)
            .SetProperty(o => o.NextAttemptAt, (DateTime?)null)
            .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
            .SetProperty(o => o.ClaimToken, (Guid?)null), cancellationToken);

    private IQueryable<OutboxMessage> Matching(ParkedEventFilter filter)
    {
        var parked = db.OutboxMessages.Where(o => o.SentAt == null && o.DeadLetteredAt != null);
        if (filter.Id is { } id)
        {
            parked = parked.Where(o => o.Id == id);
        }

        if (filter.EventName is { } eventName)
        {
            parked = parked.Where(o => o.EventName == eventName);
        }

        if (filter.TenantId is { } tenantId)
        {
            parked = parked.Where(o => o.TenantId == tenantId);
        }

        if (filter.ParkedFrom is { } from)
        {
            parked = parked.Where(o => o.DeadLetteredAt >= from);
        }

        if (filter.ParkedBefore is { } before)
        {
            parked = parked.Where(o => o.DeadLetteredAt < before);
        }

        return parked;
    }
}
