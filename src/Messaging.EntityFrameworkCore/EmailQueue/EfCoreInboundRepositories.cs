using Messaging.EmailQueue.Inbound;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public sealed class EfCoreInboundWorkerRepository(MessagingDbContext db) : IInboundWorkerRepository
{
    public void Add(InboundWorker worker) => db.Set<InboundWorker>().Add(worker);

    public void Remove(InboundWorker worker) => db.Set<InboundWorker>().Remove(worker);

    public Task<InboundWorker?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<InboundWorker>().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    public async Task<IReadOnlyList<InboundWorker>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Set<InboundWorker>().AsNoTracking().OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
}

public sealed class EfCoreEmailRuleRepository(MessagingDbContext db) : IEmailRuleRepository
{
    public void Add(EmailRule rule) => db.Set<EmailRule>().Add(rule);

    public void Remove(EmailRule rule) => db.Set<EmailRule>().Remove(rule);

    public Task<EmailRule?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<EmailRule>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.Set<EmailRule>().CountAsync(cancellationToken);

    public async Task<(int Total, IReadOnlyList<EmailRule> Page)> ListAsync(EmailRuleKind? kind, Guid? workerId, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        var query = db.Set<EmailRule>().AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(r => r.Kind == k);
        }

        if (workerId is { } w)
        {
            query = query.Where(r => r.WorkerId == w || r.WorkerId == null);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(r => r.Order).ThenBy(r => r.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, page);
    }
}

/// <summary>Reads across tenants: the worker id names the tenant, and only verified requests are answered with what is read.</summary>
public sealed class EfCoreInboundRuleSource(MessagingDbContext db) : IInboundRuleSource
{
    public async Task<(InboundWorker Worker, IReadOnlyList<EmailRule> Rules)?> LoadAsync(Guid workerId, CancellationToken cancellationToken)
    {
        var worker = await db.Set<InboundWorker>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(w => w.Id == workerId, cancellationToken);
        if (worker is null)
        {
            return null;
        }

        var rules = await db.Set<EmailRule>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.TenantId == worker.TenantId && r.Enabled && (r.WorkerId == null || r.WorkerId == workerId))
            .ToListAsync(cancellationToken);
        return (worker, rules);
    }
}

public sealed class EfCoreInboundEmailStore(MessagingDbContext db, TimeProvider clock) : IInboundEmailStore
{
    private IQueryable<InboundEmail> AllTenants => db.Set<InboundEmail>().IgnoreQueryFilters();

    public async Task<InboundDecision?> TryInsertAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        if (await db.TryInsertAsync(email, cancellationToken))
        {
            return null;
        }

        var first = await AllTenants.AsNoTracking()
            .Where(e => e.WorkerId == email.WorkerId && e.WebhookId == email.WebhookId)
            .Select(e => new { e.Action, e.RuleId, e.Target })
            .FirstAsync(cancellationToken);
        return new InboundDecision(first.Action, first.RuleId, first.Target);
    }

    public async Task<IReadOnlyList<InboundEmail>> ClaimUnprocessedAsync(DateTime receivedBefore, int maxCount, TimeSpan claimFor, int maxAttempts,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimable = AllTenants.Where(e => e.ProcessedAt == null && e.ReceivedAt < receivedBefore && e.RecoveryAttempts < maxAttempts
            && (e.ClaimedUntil == null || e.ClaimedUntil < now));
        var chosen = await claimable.OrderBy(e => e.ReceivedAt).Select(e => e.Id).Take(maxCount).ToListAsync(cancellationToken);
        if (chosen.Count == 0)
        {
            return [];
        }

        // Whole milliseconds, so the value read back equals the one written on every database.
        var until = now + claimFor;
        until = until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMillisecond));
        await claimable.Where(e => chosen.Contains(e.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.ClaimedUntil, until)
            .SetProperty(e => e.RecoveryAttempts, e => e.RecoveryAttempts + 1), cancellationToken);
        return await AllTenants.AsNoTracking().Where(e => chosen.Contains(e.Id) && e.ClaimedUntil == until && e.ProcessedAt == null)
            .ToListAsync(cancellationToken);
    }

    public Task<InboundStats?> FindStatsAsync(CancellationToken cancellationToken) =>
        db.Set<InboundStats>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    public Task<int> DeleteProcessedBeforeAsync(DateTime receivedBefore, int maxCount, CancellationToken cancellationToken) =>
        AllTenants.Where(e => e.ProcessedAt != null && e.ReceivedAt < receivedBefore).DeleteOldestAsync(AllTenants, e => e.ReceivedAt, maxCount, cancellationToken);

    public Task<int> DeleteDynamicRulesExpiredBeforeAsync(DateTime expiredBefore, int maxCount, CancellationToken cancellationToken) =>
        db.Set<EmailRule>().IgnoreQueryFilters()
            .Where(r => r.Kind == EmailRuleKind.Dynamic && r.ExpiresAt < expiredBefore)
            .DeleteOldestAsync(db.Set<EmailRule>().IgnoreQueryFilters(), r => r.ExpiresAt, maxCount, cancellationToken);
}
