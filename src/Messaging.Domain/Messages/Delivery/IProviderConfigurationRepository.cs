namespace Messaging.Messages.Delivery;

public interface IProviderConfigurationRepository
{
    Task<IReadOnlyList<ProviderConfiguration>> GetListAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<ProviderConfiguration?> FindAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken = default);

    Task InsertAsync(ProviderConfiguration configuration, CancellationToken cancellationToken = default);

    void Delete(ProviderConfiguration configuration);

    /// <exception cref="ExceptionHandling.ConflictException">Another request configured the same channel at the same time.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken = default);
}
