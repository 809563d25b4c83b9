using Messaging.Dtos;

namespace Messaging.TenantManagement;

/// <summary>Tenant administration for the host admin.</summary>
public interface ITenantAppService
{
    Task<PagedResultDto<TenantDto>> GetListAsync(int skipCount = 0, int maxResultCount = 50, CancellationToken cancellationToken = default);

    Task<TenantDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<TenantDto> CreateAsync(CreateTenantDto input, CancellationToken cancellationToken = default);

    Task<TenantDto> UpdateAsync(Guid id, UpdateTenantDto input, CancellationToken cancellationToken = default);

    /// <summary>Issues a key for a tenant, so a new tenant can be handed its first credential.</summary>
    Task<ApiKeyCreatedDto> CreateApiKeyAsync(Guid tenantId, CreateApiKeyDto input, CancellationToken cancellationToken = default);

    Task<TenantRateLimitDto> GetRateLimitAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the tenant's override; every instance applies it within moments.</summary>
    Task<TenantRateLimitDto> SetRateLimitOverrideAsync(Guid tenantId, TenantRateLimitOverrideDto input, CancellationToken cancellationToken = default);

    /// <summary>Removes the tenant's override, so its tier's limits hold again.</summary>
    Task<TenantRateLimitDto> ClearRateLimitOverrideAsync(Guid tenantId, CancellationToken cancellationToken = default);
}
