using Messaging.Authorization;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.TenantManagement;

public sealed class ApiKeyAppService(
    ICurrentTenant currentTenant,
    IApiKeyRepository apiKeys,
    ApiKeyAuthenticator authenticator,
    PermissionCatalog permissionCatalog,
    TimeProvider clock) : IApiKeyAppService
{
    public async Task<IReadOnlyList<ApiKeyDto>> GetListAsync(CancellationToken cancellationToken = default)
    {
        var keys = await apiKeys.GetListAsync(RequireTenant(), cancellationToken);
        return keys.Select(key => new ApiKeyDto(key.Id, key.Name, key.Prefix, key.CreatedAt, key.RevokedAt, key.LastUsedAt, key.PermissionList)).ToList();
    }

    public Task<ApiKeyCreatedDto> CreateAsync(CreateApiKeyDto input, CancellationToken cancellationToken = default) =>
        ApiKeyIssuer.IssueAsync(apiKeys, RequireTenant(), input, permissionCatalog, clock, cancellationToken);

    public async Task RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var key = await apiKeys.FindAsync(RequireTenant(), id, cancellationToken) ?? throw new EntityNotFoundException("ApiKey", id);
        key.Revoke(clock.GetUtcNow().UtcDateTime);
        await apiKeys.SaveChangesAsync(cancellationToken);
        await authenticator.ForgetAsync(key.KeyHash);
    }

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("API keys listed here belong to a tenant: call with a tenant's API key.");
}
