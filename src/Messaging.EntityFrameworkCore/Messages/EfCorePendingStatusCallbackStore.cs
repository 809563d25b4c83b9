using Messaging.Messages.Callbacks;
using Messaging.Security;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>
/// Claims by a conditional UPDATE, as the outbox does: the database re-checks the claim condition under its row lock,
/// so two instances never post the same callback at once, and a dead instance's claims expire.
/// </summary>
public sealed class EfCorePendingStatusCallbackStore(MessagingDbContext db, TimeProvider clock) : IPendingStatusCallbackStore
{
    public const int MaxErrorLength = 2000;

    /// <summary>How many due candidates per claimed callback are read, so that capping each tenant still fills a round.</summary>
    private const int CandidatesPerSlot = 4;

    private DbSet<PendingStatusCallback> Callbacks => db.Set<PendingStatusCallback>();

    public void Add(PendingStatusCallback callback) => Callbacks.Add(callback);

    public async Task<IReadOnlyList<PendingStatusCallback>> ClaimDueAsync(int maxCount, int maxPerTenant, TimeSpan claimFor,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await Claimable(now)
            .OrderBy(c => c.DueAt)
            .Select(c => new { c.Id, c.TenantId })
            .Take(maxCount * CandidatesPerSlot)
            .ToListAsync(cancellationToken);
        var chosen = candidates
            .GroupBy(c => c.TenantId)
            .SelectMany(tenant => tenant.Take(maxPerTenant))
            .Select(c => c.Id)
            .Take(maxCount)
            .ToList();
        if (chosen.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var until = now + claimFor;
        await Claimable(now)
            .Where(c => chosen.Contains(c.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ClaimedUntil, until).SetProperty(c => c.ClaimToken, token), cancellationToken);
        return await Callbacks.AsNoTracking()
            .Where(c => c.ClaimToken == token)
            .OrderBy(c => c.DueAt)
            .ToListAsync(cancellationToken);
    }

    public Task CompleteAsync(Guid id, Guid claimToken, CancellationToken cancellationToken) =>
        Callbacks.Where(c => c.Id == id && c.ClaimToken == claimToken).ExecuteDeleteAsync(cancellationToken);

    public Task RetryLaterAsync(Guid id, Guid claimToken, DateTime dueAt, string error, CancellationToken cancellationToken)
    {
        var lastError = ForeignText.Bound(error, MaxErrorLength);
        return Callbacks
            .Where(c => c.Id == id && c.ClaimToken == claimToken)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1)
                .SetProperty(c => c.DueAt, dueAt)
                .SetProperty(c => c.LastError, lastError)
                .SetProperty(c => c.ClaimedUntil, (DateTime?)null)
                .SetProperty(c => c.ClaimToken, (Guid?)null), cancellationToken);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Callbacks.CountAsync(cancellationToken);

    private IQueryable<PendingStatusCallback> Claimable(DateTime now) =>
        Callbacks.Where(c => c.DueAt <= now && (c.ClaimedUntil == null || c.ClaimedUntil < now));
}
