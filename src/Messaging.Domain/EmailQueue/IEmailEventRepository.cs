namespace Messaging.EmailQueue;

/// <summary>The current tenant's email events; writes join the scope's unit of work.</summary>
public interface IEmailEventRepository
{
    void Add(EmailEvent emailEvent);

    Task<EmailEvent?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    Task<EmailEvent?> FindWithAttemptsAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Tracked, for a change saved by the unit of work.</summary>
    Task<EmailEvent?> FindForUpdateAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Tracked, for the replay the unit of work saves; ids of other tenants or events are left out.</summary>
    Task<IReadOnlyList<EmailEvent>> FindDeadLettersForUpdateAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="maxCount"/> dead letters matching the filter, oldest dead-lettered first, tracked for the
    /// replay the unit of work saves; their attempts are not loaded.
    /// </summary>
    Task<IReadOnlyList<EmailEvent>> FindDeadLettersForUpdateAsync(EmailDeadLetterFilter filter, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Deletes the named dead letters with their attempts; ids of other tenants or events are left alone.</summary>
    Task<int> DeleteDeadLettersAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="maxCount"/> of the oldest dead letters matching the filter, with their attempts.</summary>
    Task<int> DeleteDeadLettersAsync(EmailDeadLetterFilter filter, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The current tenant's queue by event type, as of <paramref name="now"/>; types without events are left out.</summary>
    Task<IReadOnlyList<EmailQueueTypeStatus>> GetQueueStatusAsync(DateTime now, CancellationToken cancellationToken = default);

    /// <summary>The queue of every tenant and of the host's own mail, by tenant and type (for the host's operators).</summary>
    Task<IReadOnlyList<EmailQueueTypeStatus>> GetQueueStatusOfEveryTenantAsync(DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Dead letters newest first, with their attempts.</summary>
    Task<(int Total, IReadOnlyList<EmailEvent> Page)> GetDeadLettersAsync(EmailDeadLetterFilter filter, int skip, int take,
        CancellationToken cancellationToken = default);
}

/// <param name="Code">Matches the last attempt's reply code or enhanced status code.</param>
/// <param name="From">Dead-lettered at or after.</param>
/// <param name="To">Dead-lettered before.</param>
public sealed record EmailDeadLetterFilter(EmailEventType? Type, EmailErrorClass? ErrorClass, string? Code, DateTime? From, DateTime? To);

/// <param name="Waiting">Due now and not claimed (Accepted ones included).</param>
/// <param name="Scheduled">Queued for a later attempt (a retry or a throttled wait).</param>
/// <param name="InFlight">Claimed by a worker whose lease has not ended.</param>
/// <param name="OldestWaitingAcceptedAt">When the oldest unfinished event was accepted.</param>
public sealed record EmailQueueTypeStatus(Guid TenantId, EmailEventType Type, int Waiting, int Scheduled, int InFlight, int DeadLetters, DateTime? OldestWaitingAcceptedAt);
