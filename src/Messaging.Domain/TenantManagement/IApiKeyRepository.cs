namespace Messaging.TenantManagement;

public interface IApiKeyRepository
{
    /// <summary>Looks a key up by its hash across all tenants: authentication happens before a tenant is known.</summary>
    Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken cancellationToken = default);

    Task<ApiKey?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKey>> GetListAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>The host admin's keys (those without a tenant), revoked ones included.</summary>
    Task<IReadOnlyList<ApiKey>> GetHostKeysAsync(CancellationToken cancellationToken = default);

    Task<ApiKey?> FindHostKeyAsync(Guid id, CancellationToken cancellationToken = default);

    Task InsertAsync(ApiKey apiKey, CancellationToken cancellationToken = default);

    Task RecordUsesAsync(IReadOnlyDictionary<Guid, DateTime> lastUsedByKeyId, CancellationToken cancellationToken = default);

    Task SaveChangesAsync(CancellationToken cancellationToken = default);
}
