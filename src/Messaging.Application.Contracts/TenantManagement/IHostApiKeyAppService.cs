namespace Messaging.TenantManagement;

/// <summary>The host admin's management of the host admin keys: rotate them without a restart.</summary>
public interface IHostApiKeyAppService
{
    Task<IReadOnlyList<ApiKeyDto>> GetListAsync(CancellationToken cancellationToken = default);

    Task<ApiKeyCreatedDto> CreateAsync(CreateApiKeyDto input, CancellationToken cancellationToken = default);

    /// <summary>Revokes a host key; refused (409) for the last one still active, which would lock the host admin out.</summary>
    Task RevokeAsync(Guid id, CancellationToken cancellationToken = default);
}
