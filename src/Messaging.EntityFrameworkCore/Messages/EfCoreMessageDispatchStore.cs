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
    public async Task<IReadOnlyList<Message>> ClaimAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Left in Sending means a dispatcher died mid-send: those go first, they have waited longest.
        var candidates = await Abandoned(now).Select(m => m.Id).Take(maxCount).ToListAsync(cancellationToken);
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
            return [];
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
        return await Messages()
            .Where(m => EF.Property<Guid?>(m, MessagesDbProperties.DispatchClaimToken) == token)
            .OrderBy(m => m.DispatchRank)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<Message>> SaveSendingAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        ReleaseClaims(messages.Where(m => m.Status != MessageStatus.Sending));
        var withdrawn = new HashSet<Message>(ReferenceEqualityComparer.Instance);
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return withdrawn;
            }
            catch (DbUpdateConcurrencyException conflict) when (conflict.Entries.Any(e => e.Entity is Message))
            {
                // The status column is a concurrency token: the update lost to a change committed since the claim.
                foreach (var message in conflict.Entries.Select(e => e.Entity).OfType<Message>())
                {
                    Forget(message);
                    withdrawn.Add(message);
                }
            }
        }
    }

    public async Task SaveAsync(IReadOnlyList<Message> messages, bool releaseClaims, CancellationToken cancellationToken)
    {
        if (releaseClaims)
        {
            ReleaseClaims(messages);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private void ReleaseClaims(IEnumerable<Message> messages)
    {
        foreach (var message in messages)
        {
            var entry = db.Entry(message);
            entry.Property<Guid?>(MessagesDbProperties.DispatchClaimToken).CurrentValue = null;
            entry.Property<DateTime?>(MessagesDbProperties.DispatchClaimedUntil).CurrentValue = null;
        }
    }

    /// <summary>Drops the message and the history this round added to it from the unit of work; the database keeps its state.</summary>
    private void Forget(Message message)
    {
        foreach (var change in message.History.ToList())
        {
            var changeEntry = db.Entry(change);
            if (changeEntry.State == EntityState.Added)
            {
                changeEntry.State = EntityState.Detached;
            }
        }

        db.Entry(message).State = EntityState.Detached;
    }

    private IQueryable<Message> Messages() => db.Messages.IgnoreQueryFilters();

    private IQueryable<Message> Abandoned(DateTime now) =>
        Messages().Where(m => m.Status == MessageStatus.Sending
            && EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) < now);

    /// <summary>Email waits for the EmailQueue module; everything else queued is due once its retry time has come.</summary>
    private IQueryable<Message> DueQueued(DateTime now) =>
        Messages().Where(m => m.Status == MessageStatus.Queued
            && m.Channel != MessageChannel.Email
            && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
            && (EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) == null
                || EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) < now));
}
