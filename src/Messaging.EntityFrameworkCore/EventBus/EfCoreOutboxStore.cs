using Messaging.EventBus;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EventBus;

/// <summary>
/// Claims by a conditional UPDATE: each database re-checks the claim condition under its row lock, so two relays
/// never take the same row, on any provider, and a relay that died releases its rows when the claim expires.
/// </summary>
public sealed class EfCoreOutboxStore(MessagingDbContext db, TimeProvider clock) : IOutboxStore
{
    public const int MaxErrorLength = 2000;

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

    public Task MarkSentAsync(IReadOnlyCollection<Guid> ids, DateTime sentAt, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(o => ids.Contains(o.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.SentAt, sentAt).SetProperty(o => o.ClaimedUntil, (DateTime?)null), cancellationToken);

    public async Task ScheduleRetriesAsync(IReadOnlyCollection<RelayRetry> retries, CancellationToken cancellationToken)
    {
        // One short statement per event: each has its own pause, and a batch is retried this way only after failing.
        foreach (var retry in retries)
        {
            var error = Truncate(retry.Error);
            await db.OutboxMessages
                .Where(o => o.Id == retry.Id && o.SentAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.FailedAttempts, o => o.FailedAttempts + 1)
                    .SetProperty(o => o.LastError, error)
                    .SetProperty(o => o.NextAttemptAt, retry.NextAttemptAt)
                    .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
                    .SetProperty(o => o.ClaimToken, (Guid?)null), cancellationToken);
        }
    }

    public Task ParkAsync(Guid id, string error, DateTime parkedAt, CancellationToken cancellationToken)
    {
        var message = Truncate(error);
        return db.OutboxMessages
            .Where(o => o.Id == id && o.SentAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.FailedAttempts, o => o.FailedAttempts + 1)
                .SetProperty(o => o.LastError, message)
                .SetProperty(o => o.DeadLetteredAt, parkedAt)
                .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
                .SetProperty(o => o.ClaimToken, (Guid?)null), cancellationToken);
    }

    public async Task<bool> RequeueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var madePending = await db.OutboxMessages
            .Where(o => o.Id == message.Id && (o.SentAt != null || o.DeadLetteredAt != null))
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.SentAt, (DateTime?)null)
                .SetProperty(o => o.DeadLetteredAt, (DateTime?)null)
                .SetProperty(o => o.NextAttemptAt, (DateTime?)null)
                .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
                .SetProperty(o => o.ClaimToken, (Guid?)null), cancellationToken);
        if (madePending > 0)
        {
            return true;
        }

        if (await db.OutboxMessages.AnyAsync(o => o.Id == message.Id, cancellationToken))
        {
            return false;
        }

        // False when another instance requeued it first.
        return await db.TryInsertAsync(message, cancellationToken);
    }

    private IQueryable<OutboxMessage> Claimable(DateTime now) =>
        db.OutboxMessages.Where(o => o.SentAt == null && o.DeadLetteredAt == null
            && (o.NextAttemptAt == null || o.NextAttemptAt <= now)
            && (o.ClaimedUntil == null || o.ClaimedUntil < now));

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
