namespace Messaging.TenantManagement;

/// <summary>A tenant's management of its own API keys.</summary>
public interface IApiKeyAppService
{
    Task<IReadOnlyList<ApiKeyDto>> GetListAsync(CancellationToken cancellationToken = default);

    Task<ApiKeyCreatedDto> CreateAsync(CreateApiKeyDto input, CancellationToken cancellationToken = default);

    Task RevokeAsync(Guid id, CancellationToken cancellationToken = default);
}
