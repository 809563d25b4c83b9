namespace Messaging.EmailQueue.Inbound;

/// <summary>The current tenant's inbound workers; writes join the scope's unit of work.</summary>
public interface IInboundWorkerRepository
{
    void Add(InboundWorker worker);

    void Remove(InboundWorker worker);

    Task<InboundWorker?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<InboundWorker>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>The current tenant's rules; writes join the scope's unit of work.</summary>
public interface IEmailRuleRepository
{
    void Add(EmailRule rule);

    void Remove(EmailRule rule);

    Task<EmailRule?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);

    Task<(int Total, IReadOnlyList<EmailRule> Page)> ListAsync(EmailRuleKind? kind, Guid? workerId, int skip, int take, CancellationToken cancellationToken = default);
}

/// <summary>Reads a worker with the rules that apply to it, whichever tenant it belongs to: the rule cache's source.</summary>
public interface IInboundRuleSource
{
    Task<(InboundWorker Worker, IReadOnlyList<EmailRule> Rules)?> LoadAsync(Guid workerId, CancellationToken cancellationToken);
}

/// <summary>The answered emails: phase 1's one write, the recovery's claims, the tenant's statistics.</summary>
public interface IInboundEmailStore
{
    /// <returns>Null when stored; the stored answer when the worker sent this <c>webhook-id</c> before.</returns>
    Task<InboundDecision?> TryInsertAsync(InboundEmail email, CancellationToken cancellationToken);

    /// <summary>
    /// Claims, across tenants, emails still unprocessed that were received before <paramref name="receivedBefore"/> and not
    /// claimed by a live recovery, counting an attempt on each.
    /// </summary>
    Task<IReadOnlyList<InboundEmail>> ClaimUnprocessedAsync(DateTime receivedBefore, int maxCount, TimeSpan claimFor, int maxAttempts,
        CancellationToken cancellationToken);

    /// <summary>The current tenant's counts; null before its first processed email.</summary>
    Task<InboundStats?> FindStatsAsync(CancellationToken cancellationToken);

    Task<int> DeleteProcessedBeforeAsync(DateTime receivedBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>Deletes, across tenants, dynamic rules that expired before <paramref name="expiredBefore"/>.</summary>
    Task<int> DeleteDynamicRulesExpiredBeforeAsync(DateTime expiredBefore, int maxCount, CancellationToken cancellationToken);
}

/// <summary>
/// Phase 2's writes: one transaction per batch that marks its emails processed (only those nobody processed yet) and adds
/// exactly their statistics, each kind in one statement.
/// </summary>
public interface IInboundBatchWriter
{
    Task<InboundBatchResult> WriteAsync(IReadOnlyList<InboundWorkItem> items, InboundBatchSettings settings, DateTime now, CancellationToken cancellationToken);
}

/// <summary>One answered email's phase-2 work.</summary>
public sealed record InboundWorkItem(
    Guid EmailId,
    Guid TenantId,
    Guid WorkerId,
    string Sender,
    string Subject,
    InboundDecision Decision,
    IReadOnlyList<Guid> WatchHits,
    DateTime ReceivedAt)
{
    /// <summary>Every email has all of these done for it; a kind with nothing to write for it writes nothing.</summary>
    public static readonly IReadOnlyList<InboundTaskType> Tasks = Enum.GetValues<InboundTaskType>();
}

public sealed record InboundBatchSettings(int DynamicRuleThreshold, TimeSpan DynamicRuleWindow, TimeSpan DynamicRuleLifetime, InboundEmailAction DynamicRuleAction);

/// <param name="Counted">The emails this batch counted (others had been counted already).</param>
/// <param name="WatchCounts">Hit counts after the batch of the watch rules it hit that have an alert threshold.</param>
/// <param name="DynamicRuleTenants">Tenants that got new dynamic rules, whose cached rules are stale.</param>
public sealed record InboundBatchResult(
    IReadOnlyList<Guid> Counted,
    IReadOnlyList<WatchRuleCount> WatchCounts,
    IReadOnlyList<Guid> DynamicRuleTenants,
    int Statements);

public sealed record WatchRuleCount(Guid RuleId, Guid TenantId, string Name, long HitCount, long AlertThreshold);
