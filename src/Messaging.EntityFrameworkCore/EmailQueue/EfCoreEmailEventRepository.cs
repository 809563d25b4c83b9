using Messaging.EmailQueue;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public sealed class EfCoreEmailEventRepository(MessagingDbContext db) : IEmailEventRepository
{
    private DbSet<EmailEvent> Events => db.Set<EmailEvent>();

    public void Add(EmailEvent emailEvent) => Events.Add(emailEvent);

    public Task<EmailEvent?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        Events.AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == idempotencyKey, cancellationToken);

    public Task<EmailEvent?> FindWithAttemptsAsync(Guid id, CancellationToken cancellationToken = default) =>
        Events.AsNoTracking().Include(e => e.Attempts).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public Task<EmailEvent?> FindForUpdateAsync(Guid id, CancellationToken cancellationToken = default) =>
        Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public async Task<IReadOnlyList<EmailEvent>> FindDeadLettersForUpdateAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        await Events.Where(e => ids.Contains(e.Id) && e.Status == EmailEventStatus.DeadLettered).ToListAsync(cancellationToken);

    public Task<IReadOnlyList<EmailQueueTypeStatus>> GetQueueStatusAsync(DateTime now, CancellationToken cancellationToken = default) =>
        QueueStatusAsync(Events, now, cancellationToken);

    public Task<IReadOnlyList<EmailQueueTypeStatus>> GetQueueStatusOfEveryTenantAsync(DateTime now, CancellationToken cancellationToken = default) =>
        QueueStatusAsync(Events.IgnoreQueryFilters(), now, cancellationToken);

    private static async Task<IReadOnlyList<EmailQueueTypeStatus>> QueueStatusAsync(IQueryable<EmailEvent> events, DateTime now,
        CancellationToken cancellationToken)
    {
        var rows = await events.AsNoTracking()
            .Where(e => e.Status == EmailEventStatus.Accepted || e.Status == EmailEventStatus.Queued || e.Status == EmailEventStatus.DeadLettered)
            .GroupBy(e => new { e.TenantId, e.Type })
            .Select(g => new
            {
                g.Key.TenantId,
                g.Key.Type,
                Waiting = g.Count(e => (e.Status == EmailEventStatus.Accepted || e.Status == EmailEventStatus.Queued) && e.DueAt <= now
                                       && (e.ClaimedUntil == null || e.ClaimedUntil < now)),
                Scheduled = g.Count(e => e.Status == EmailEventStatus.Queued && e.DueAt > now && (e.ClaimedUntil == null || e.ClaimedUntil < now)),
                InFlight = g.Count(e => e.Status == EmailEventStatus.Queued && e.ClaimedUntil >= now),
                DeadLetters = g.Count(e => e.Status == EmailEventStatus.DeadLettered),
                Oldest = g.Where(e => e.Status != EmailEventStatus.DeadLettered).Min(e => (DateTime?)e.AcceptedAt)
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.TenantId).ThenBy(r => r.Type)
            .Select(r => new EmailQueueTypeStatus(r.TenantId, r.Type, r.Waiting, r.Scheduled, r.InFlight, r.DeadLetters, r.Oldest)).ToList();
    }

    public async Task<(int Total, IReadOnlyList<EmailEvent> Page)> GetDeadLettersAsync(EmailDeadLetterFilter filter, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        var query = DeadLetters(filter).AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(e => e.CompletedAt).ThenBy(e => e.Id).Skip(skip).Take(take)
            .Include(e => e.Attempts).ToListAsync(cancellationToken);
        return (total, page);
    }

    public async Task<IReadOnlyList<EmailEvent>> FindDeadLettersForUpdateAsync(EmailDeadLetterFilter filter, int maxCount,
        CancellationToken cancellationToken = default) =>
        await DeadLetters(filter).OrderBy(e => e.CompletedAt).ThenBy(e => e.Id).Take(maxCount).ToListAsync(cancellationToken);

    // Attempts go with their event (ON DELETE CASCADE).
    public Task<int> DeleteDeadLettersAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        Events.Where(e => ids.Contains(e.Id) && e.Status == EmailEventStatus.DeadLettered).ExecuteDeleteAsync(cancellationToken);

    public Task<int> DeleteDeadLettersAsync(EmailDeadLetterFilter filter, int maxCount, CancellationToken cancellationToken = default) =>
        DeadLetters(filter).DeleteOldestAsync(Events, e => e.CompletedAt, maxCount, cancellationToken);

    private IQueryable<EmailEvent> DeadLetters(EmailDeadLetterFilter filter)
    {
        var query = Events.Where(e => e.Status == EmailEventStatus.DeadLettered);
        if (filter.Type is { } type)
        {
            query = query.Where(e => e.Type == type);
        }

        if (filter.ErrorClass is { } errorClass)
        {
            query = query.Where(e => e.LastErrorClass == errorClass);
        }

        if (filter.Code is { } code)
        {
            query = query.Where(e => e.LastReplyCode == code || e.LastEnhancedCode == code);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.CompletedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.CompletedAt < to);
        }

        return query;
    }
}
