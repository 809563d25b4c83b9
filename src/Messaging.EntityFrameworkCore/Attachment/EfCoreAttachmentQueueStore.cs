using Messaging.Attachment;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Attachment;

/// <summary>
/// Claims by a conditional UPDATE, as the email queue and the outbox do: the database re-checks the claim condition under
/// its row lock, so two workers never hold one job at once, and a dead worker's claims expire. Reads across tenants; each
/// claimed job is then handled in its own tenant.
/// </summary>
public sealed class EfCoreAttachmentQueueStore(MessagingDbContext db, TimeProvider clock) : IAttachmentQueueStore
{
    private IQueryable<AttachmentJob> AllTenants => db.Set<AttachmentJob>().IgnoreQueryFilters();

    public async Task<IReadOnlyList<ClaimedAttachment>> ClaimDueAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var chosen = await InOrder(Claimable(now)).Select(j => j.Id).Take(maxCount).ToListAsync(cancellationToken);
        if (chosen.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var until = now + claimFor;
        await Claimable(now)
            .Where(j => chosen.Contains(j.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.ClaimedUntil, until).SetProperty(j => j.ClaimToken, token), cancellationToken);
        return await InOrder(AllTenants.AsNoTracking().Where(j => j.ClaimToken == token))
            .Select(j => new ClaimedAttachment(j.Id, j.TenantId, token))
            .ToListAsync(cancellationToken);
    }

    public Task<AttachmentJob?> FindClaimedAsync(ClaimedAttachment claimed, CancellationToken cancellationToken) =>
        db.Set<AttachmentJob>().FirstOrDefaultAsync(j => j.Id == claimed.Id && j.ClaimToken == claimed.ClaimToken, cancellationToken);

    public async Task<bool> RenewAsync(ClaimedAttachment claimed, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().UtcDateTime + claimFor;
        return await AllTenants.Where(j => j.Id == claimed.Id && j.ClaimToken == claimed.ClaimToken)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.ClaimedUntil, until), cancellationToken) == 1;
    }

    public Task<int> ReleaseAsync(Guid claimToken, CancellationToken cancellationToken) =>
        AllTenants.Where(j => j.ClaimToken == claimToken)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.ClaimedUntil, (DateTime?)null).SetProperty(j => j.ClaimToken, (Guid?)null), cancellationToken);

    public async Task<(IReadOnlyList<QueueDepth> Depths, DateTime? OldestCreatedAt)> MeasureAsync(CancellationToken cancellationToken)
    {
        var waiting = AllTenants.Where(j => j.Status == AttachmentStatus.Queued || j.Status == AttachmentStatus.Processing);
        var depths = await waiting.GroupBy(j => j.Priority)
            .Select(g => new { Priority = g.Key, Waiting = g.Count(), Oldest = g.Min(j => j.CreatedAt) })
            .ToListAsync(cancellationToken);
        return (depths.OrderByDescending(d => d.Priority).Select(d => new QueueDepth(d.Priority, d.Waiting)).ToList(),
            depths.Count == 0 ? null : depths.Min(d => d.Oldest));
    }

    public async Task<(int Completed, int Failed)> OutcomesSinceAsync(DateTime since, CancellationToken cancellationToken)
    {
        var outcomes = await AllTenants.Where(j => j.CompletedAt >= since && (j.Status == AttachmentStatus.Completed || j.Status == AttachmentStatus.Failed))
            .GroupBy(j => j.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return (outcomes.Where(o => o.Status == AttachmentStatus.Completed).Sum(o => o.Count),
            outcomes.Where(o => o.Status == AttachmentStatus.Failed).Sum(o => o.Count));
    }

    public async Task<IReadOnlyList<AttachmentTombstone>> PendingTombstonesAsync(int maxCount, CancellationToken cancellationToken) =>
        await db.Set<AttachmentTombstone>().IgnoreQueryFilters().OrderBy(t => t.CreatedAt).Take(maxCount).ToListAsync(cancellationToken);

    public Task<AttachmentTombstone?> FindTombstoneAsync(Guid attachmentId, CancellationToken cancellationToken) =>
        db.Set<AttachmentTombstone>().IgnoreQueryFilters().FirstOrDefaultAsync(t => t.AttachmentId == attachmentId, cancellationToken);

    public void RemoveTombstone(AttachmentTombstone tombstone) => db.Set<AttachmentTombstone>().Remove(tombstone);

    public async Task<IReadOnlySet<string>> KnownKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var rows = await AllTenants.Where(j => keys.Contains(j.StorageKey)).Select(j => j.StorageKey).ToListAsync(cancellationToken);
        var tombstones = await db.Set<AttachmentTombstone>().IgnoreQueryFilters().Where(t => keys.Contains(t.StorageKey))
            .Select(t => t.StorageKey).ToListAsync(cancellationToken);
        return rows.Concat(tombstones).ToHashSet(StringComparer.Ordinal);
    }

    public async Task AddAuditAsync(AttachmentAuditEntry entry, CancellationToken cancellationToken) =>
        await db.Set<AttachmentAuditEntry>().AddAsync(entry, cancellationToken);

    private static IQueryable<AttachmentJob> InOrder(IQueryable<AttachmentJob> jobs) =>
        jobs.OrderByDescending(j => j.Priority).ThenBy(j => j.CreatedAt).ThenBy(j => j.Id);

    /// <summary>Due queued jobs, and jobs a dead worker left in Processing once its lease ended.</summary>
    private IQueryable<AttachmentJob> Claimable(DateTime now) =>
        AllTenants.Where(j => (j.Status == AttachmentStatus.Queued || j.Status == AttachmentStatus.Processing) && j.DueAt <= now
                              && (j.ClaimedUntil == null || j.ClaimedUntil < now));
}
