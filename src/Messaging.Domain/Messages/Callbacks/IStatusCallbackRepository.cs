namespace Messaging.Messages.Callbacks;

/// <summary>Tenants' status callbacks; changes are saved with <see cref="SaveChangesAsync"/> or the surrounding unit of work.</summary>
public interface IStatusCallbackRepository
{
    /// <summary>Tracked, for a change.</summary>
    Task<StatusCallback?> FindAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    void Add(StatusCallback callback);

    void Remove(StatusCallback callback);

    Task SaveChangesAsync(CancellationToken cancellationToken = default);
}
