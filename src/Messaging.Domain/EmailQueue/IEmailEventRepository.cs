namespace Messaging.EmailQueue;

/// <summary>The current tenant's email events; writes join the scope's unit of work.</summary>
public interface IEmailEventRepository
{
    void Add(EmailEvent emailEvent);

    Task<EmailEvent?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    Task<EmailEvent?> FindWithAttemptsAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Tracked, for a change saved by the unit of work.</summary>
    Task<EmailEvent?> FindForUpdateAsync(Guid id, CancellationToken cancellationToken = default);
}
