using Messaging.Channel;
using Messaging.EntityFrameworkCore.BackgroundJobs;
using Messaging.ExceptionHandling;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Channel;

/// <summary>
/// Delayed messages and the tenants' quotas. Claims are conditional updates (<see cref="LeaseClaims"/>), as the email queue's: the database re-checks
/// the condition under its row lock, so two workers never take the same message, and a dead worker's claims expire.
/// </summary>
public sealed class EfCoreDelayedMessageStore(MessagingDbContext db, TimeProvider clock) : IDelayedMessageStore
{
    private IQueryable<DelayedMessage> AllTenants => db.Set<DelayedMessage>().IgnoreQueryFilters();

    private DbSet<DelayedMessageQuota> Quotas => db.Set<DelayedMessageQuota>();

    public void Add(DelayedMessage message) => db.Set<DelayedMessage>().Add(message);

    public Task<DelayedMessage?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<DelayedMessage>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    public async Task<(long TotalCount, IReadOnlyList<DelayedMessage> Items)> ListAsync(Guid channelId, DelayedMessageStatus? status, int skip,
        int take, CancellationToken cancellationToken)
    {
        var matching = db.Set<DelayedMessage>().AsNoTracking().Where(d => d.ChannelId == channelId);
        if (status is { } wanted)
        {
            matching = matching.Where(d => d.Status == wanted);
        }

        var total = await matching.LongCountAsync(cancellationToken);
        var items = total <= skip
            ? []
            : await matching.OrderBy(d => d.DeliverAt).ThenBy(d => d.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, items);
    }

    public async Task<bool> TryReserveAsync(Guid tenantId, int cap, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var reserved = await Quotas.Where(q => q.TenantId == tenantId && q.Waiting < cap)
                .ExecuteUpdateAsync(set => set.SetProperty(q => q.Waiting, q => q.Waiting + 1), cancellationToken);
            if (reserved == 1)
            {
                return true;
            }

            var waiting = await Quotas.AsNoTracking().Where(q => q.TenantId == tenantId).Select(q => (int?)q.Waiting).FirstOrDefaultAsync(cancellationToken);
            if (waiting is null)
            {
                // The tenant's first: a racing first insert loses on the key and the caller tries again, finding the row.
                Quotas.Add(new DelayedMessageQuota(tenantId, 1));
                return true;
            }

            if (waiting >= cap)
            {
                return false;
            }

            // The row was committed by a racing first post between the update and this read: the update finds it now.
        }

        throw new ConcurrencyConflictException("The tenant's delayed-message count kept changing; try again.");
    }

    public Task ReleaseAsync(Guid tenantId, int count, CancellationToken cancellationToken) =>
        Quotas.Where(q => q.TenantId == tenantId)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.Waiting, q => q.Waiting > count ? q.Waiting - count : 0), cancellationToken);

    public async Task<IReadOnlyList<ClaimedDelayedMessage>> ClaimDueAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await LeaseClaims.ClaimAsync(Claimable(now), d => d.Id, d => d.DeliverAt, d => d.ClaimToken, d => d.ClaimedUntil, maxCount,
            now + claimFor, cancellationToken);
        if (token is null)
        {
            return [];
        }

        return await AllTenants.AsNoTracking()
            .Where(d => d.ClaimToken == token)
            .OrderBy(d => d.DeliverAt)
            .Select(d => new ClaimedDelayedMessage(d.Id, d.TenantId, d.ChannelId, token.Value))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DelayedMessage>> FindClaimedAsync(IReadOnlyCollection<ClaimedDelayedMessage> claimed, CancellationToken cancellationToken)
    {
        var ids = claimed.Select(c => c.Id).ToList();
        var token = claimed.First().ClaimToken;
        return await db.Set<DelayedMessage>()
            .Where(d => ids.Contains(d.Id) && d.ClaimToken == token && d.Status == DelayedMessageStatus.Waiting)
            .OrderBy(d => d.DeliverAt)
            .ToListAsync(cancellationToken);
    }

    public Task<int> ReleaseClaimsAsync(Guid claimToken, CancellationToken cancellationToken) =>
        AllTenants.Where(d => d.ClaimToken == claimToken)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimedUntil, (DateTime?)null).SetProperty(d => d.ClaimToken, (Guid?)null), cancellationToken);

    // Only finished messages have a FinishedAt, so the range of its index is the whole condition.
    public Task<int> DeleteFinishedBeforeAsync(DateTime finishedBefore, int maxCount, CancellationToken cancellationToken) =>
        AllTenants.Where(d => d.FinishedAt < finishedBefore).DeleteOldestAsync(AllTenants, d => d.FinishedAt, maxCount, cancellationToken);

    public async Task<DelayedQueueSize> MeasureAsync(CancellationToken cancellationToken)
    {
        var size = await Quotas.AsNoTracking()
            .Where(q => q.Waiting > 0)
            .GroupBy(_ => 1)
            .Select(g => new { Waiting = g.Sum(q => (long)q.Waiting), Max = g.Max(q => q.Waiting), Tenants = g.Count() })
            .FirstOrDefaultAsync(cancellationToken);
        return size is null ? new DelayedQueueSize(0, 0, 0) : new DelayedQueueSize(size.Waiting, size.Max, (double)size.Waiting / size.Tenants);
    }

    private IQueryable<DelayedMessage> Claimable(DateTime now) =>
        AllTenants.Where(d => d.Status == DelayedMessageStatus.Waiting && d.DeliverAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now));
}
