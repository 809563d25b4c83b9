using Messaging.Messages;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>
/// Claims by a conditional UPDATE, as the outbox relay does: the database re-checks the claim condition under its row
/// lock, so two dispatchers never take the same message, on any provider. The claim columns are shadow properties:
/// they are how this store leases rows, not part of the message.
/// </summary>
public sealed class EfCoreMessageDispatchStore(MessagingDbContext db, TimeProvider clock) : IMessageDispatchStore
{
    public async Task<DispatchClaim> ClaimAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Left in Sending means a dispatcher died mid-send: those go first, they have waited longest.
        var candidates = await Abandoned(now)
            .OrderBy(m => EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil))
            .Select(m => m.Id)
            .Take(maxCount)
            .ToListAsync(cancellationToken);
        if (candidates.Count < maxCount)
        {
            candidates.AddRange(await DueQueued(now)
                .OrderBy(m => m.DispatchRank)
                .Select(m => m.Id)
                .Take(maxCount - candidates.Count)
                .ToListAsync(cancellationToken));
        }

        if (candidates.Count == 0)
        {
            return DispatchClaim.None;
        }

        var token = Guid.NewGuid();
        var until = now + claimFor;
        await Messages()
            .Where(m => candidates.Contains(m.Id)
                && (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Sending)
                && (EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) == null
                    || EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) < now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => EF.Property<Guid?>(m, MessagesDbProperties.DispatchClaimToken), token)
                .SetProperty(m => EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil), until), cancellationToken);
        return new DispatchClaim(token, await Claimed(token)
            .OrderBy(m => m.DispatchRank)
            .ToListAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<Message>> FindClaimedAsync(Guid claimToken, IReadOnlyCollection<Guid> messageIds,
        CancellationToken cancellationToken) =>
        await Claimed(claimToken).Where(m => messageIds.Contains(m.Id)).ToListAsync(cancellationToken);

    public Task<int> RenewAsync(Guid claimToken, IReadOnlyCollection<Guid> messageIds, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().UtcDateTime + claimFor;
        return Claimed(claimToken)
            .Where(m => messageIds.Contains(m.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(m => EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil), until),
                cancellationToken);
    }

    public void Release(Message message)
    {
        var entry = db.Entry(message);
        entry.Property<Guid?>(MessagesDbProperties.DispatchClaimToken).CurrentValue = null;
        entry.Property<DateTime?>(MessagesDbProperties.DispatchClaimedUntil).CurrentValue = null;
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException refused)
        {
            throw new DispatchWriteRefusedException(refused);
        }
    }

    private IQueryable<Message> Messages() => db.Messages.IgnoreQueryFilters();

    private IQueryable<Message> Claimed(Guid token) =>
        Messages().Where(m => EF.Property<Guid?>(m, MessagesDbProperties.DispatchClaimToken) == token);

    private IQueryable<Message> Abandoned(DateTime now) =>
        Messages().Where(m => m.Status == MessageStatus.Sending
            && EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) < now);

    /// <summary>Email is the email queue's (handed over as it is queued); everything else queued is due once its retry time has come.</summary>
    private IQueryable<Message> DueQueued(DateTime now) =>
        Messages().Where(m => m.Status == MessageStatus.Queued
            && m.Channel != MessageChannel.Email
            && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
            && (EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) == null
                || EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) < now));
}
