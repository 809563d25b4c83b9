using Messaging.EmailQueue;
using Messaging.EntityFrameworkCore.BackgroundJobs;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

/// <summary>
/// Claims by a conditional UPDATE (<see cref="LeaseClaims"/>), as the outbox and the pending status callbacks do: the database re-checks the claim
/// condition under its row lock, so two instances never send the same event at once, and a dead instance's claims expire.
/// Reads across tenants; each claimed event is then handled in its own tenant.
/// </summary>
public sealed class EfCoreEmailDeliveryStore(MessagingDbContext db, TimeProvider clock) : IEmailDeliveryStore
{
    private IQueryable<EmailEvent> AllTenants => db.Set<EmailEvent>().IgnoreQueryFilters();

    public async Task<IReadOnlyList<ClaimedEmailEvent>> ClaimDueAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await LeaseClaims.ClaimAsync(Claimable(now), e => e.Id, e => e.DueAt, e => e.ClaimToken, e => e.ClaimedUntil, maxCount, now + claimFor,
            cancellationToken);
        if (token is null)
        {
            return [];
        }

        return await AllTenants.AsNoTracking()
            .Where(e => e.ClaimToken == token)
            .OrderBy(e => e.DueAt)
            .Select(e => new ClaimedEmailEvent(e.Id, e.TenantId, token.Value))
            .ToListAsync(cancellationToken);
    }

    public Task<EmailEvent?> FindClaimedAsync(ClaimedEmailEvent claimed, CancellationToken cancellationToken) =>
        db.Set<EmailEvent>().FirstOrDefaultAsync(e => e.Id == claimed.Id && e.ClaimToken == claimed.ClaimToken, cancellationToken);

    public Task<int> ReleaseAsync(Guid claimToken, CancellationToken cancellationToken) =>
        AllTenants.Where(e => e.ClaimToken == claimToken)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ClaimedUntil, (DateTime?)null).SetProperty(e => e.ClaimToken, (Guid?)null), cancellationToken);

    // Attempts go with their event (ON DELETE CASCADE).
    public Task<int> DeleteFinishedBeforeAsync(DateTime completedBefore, int maxCount, CancellationToken cancellationToken) =>
        AllTenants
            .Where(e => e.CompletedAt < completedBefore && (e.Status == EmailEventStatus.Sent || e.Status == EmailEventStatus.Suppressed))
            .DeleteOldestAsync(AllTenants, e => e.CompletedAt, maxCount, cancellationToken);

    public Task<int> DeleteDeadLettersBeforeAsync(DateTime deadLetteredBefore, int maxCount, CancellationToken cancellationToken) =>
        AllTenants.Where(e => e.Status == EmailEventStatus.DeadLettered && e.CompletedAt < deadLetteredBefore)
            .DeleteOldestAsync(AllTenants, e => e.CompletedAt, maxCount, cancellationToken);

    public async Task<int> DeleteDeadLettersBeyondCapAsync(int cap, int maxCount, CancellationToken cancellationToken)
    {
        var overCap = await AllTenants.Where(e => e.Status == EmailEventStatus.DeadLettered)
            .GroupBy(e => e.TenantId)
            .Select(g => new { TenantId = g.Key, Count = g.Count() })
            .Where(t => t.Count > cap)
            .ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var tenant in overCap.OrderByDescending(t => t.Count))
        {
            if (deleted == maxCount)
            {
                break;
            }

            deleted += await AllTenants.Where(e => e.TenantId == tenant.TenantId && e.Status == EmailEventStatus.DeadLettered)
                .DeleteOldestAsync(AllTenants, e => e.CompletedAt, Math.Min(tenant.Count - cap, maxCount - deleted), cancellationToken);
        }

        return deleted;
    }

    public async Task<(int Waiting, DateTime? OldestAcceptedAt)> MeasureAsync(CancellationToken cancellationToken)
    {
        var waiting = AllTenants.Where(e => e.Status == EmailEventStatus.Accepted || e.Status == EmailEventStatus.Queued);
        var count = await waiting.CountAsync(cancellationToken);
        var oldest = count == 0 ? null : await waiting.MinAsync(e => (DateTime?)e.AcceptedAt, cancellationToken);
        return (count, oldest);
    }

    private IQueryable<EmailEvent> Claimable(DateTime now) =>
        AllTenants.Where(e => e.Status == EmailEventStatus.Queued && e.DueAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now));
}
