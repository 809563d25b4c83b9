using Messaging.EventBus;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EventBus;

/// <summary>
/// Claims by a conditional UPDATE: each database re-checks the claim condition under its row lock, so two relays
/// never take the same row, on any provider, and a relay that died releases its rows when the claim expires.
/// </summary>
public sealed class EfCoreOutboxStore(MessagingDbContext db, TimeProvider clock) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await Claimable(now)
            .OrderBy(o => o.CreatedAt)
            .Select(o => o.Id)
            .Take(maxCount)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var until = now + claimFor;
        await Claimable(now)
            .Where(o => candidates.Contains(o.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.ClaimedUntil, until).SetProperty(o => o.ClaimToken, token), cancellationToken);
        return await db.OutboxMessages.AsNoTracking()
            .Where(o => o.ClaimToken == token)
            .OrderBy(o => o.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    public Task ReleaseAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(o => ids.Contains(o.Id) && o.SentAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.ClaimedUntil, (DateTime?)null).SetProperty(o => o.ClaimToken, (Guid?)null),
                cancellationToken);

    public Task MarkSentAsync(IReadOnlyCollection<Guid> ids, DateTime sentAt, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(o => ids.Contains(o.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.SentAt, sentAt).SetProperty(o => o.ClaimedUntil, (DateTime?)null), cancellationToken);

    public Task RecordFailureAsync(Guid id, string error, int maxAttempts, DateTime failedAt, CancellationToken cancellationToken)
    {
        var message = error.Length <= 2000 ? error : error[..2000];
        return db.OutboxMessages
            .Where(o => o.Id == id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.FailedAttempts, o => o.FailedAttempts + 1)
                .SetProperty(o => o.LastError, message)
                .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
                .SetProperty(o => o.DeadLetteredAt, o => o.FailedAttempts + 1 >= maxAttempts ? failedAt : o.DeadLetteredAt), cancellationToken);
    }

    private IQueryable<OutboxMessage> Claimable(DateTime now) =>
        db.OutboxMessages.Where(o => o.SentAt == null && o.DeadLetteredAt == null && (o.ClaimedUntil == null || o.ClaimedUntil < now));
}
