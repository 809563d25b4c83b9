using Messaging.Authorization;

namespace Messaging.TenantManagement;

internal static class ApiKeyIssuer
{
    public static async Task<ApiKeyCreatedDto> IssueAsync(IApiKeyRepository apiKeys, Guid? tenantId, CreateApiKeyDto input,
        PermissionCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = TenantInput.RequireName(input.Name, "name", TenantConsts.MaxApiKeyNameLength);
        var permissions = GrantablePermissions.Require(input.Permissions, tenantId is null ? PermissionSides.Host : PermissionSides.Tenant, catalog,
            "key", TenantConsts.MaxApiKeyPermissionsLength);
        var rawKey = ApiKeySecret.Generate();
        var apiKey = new ApiKey(Guid.CreateVersion7(), tenantId, name, ApiKeySecret.Hash(rawKey), ApiKeySecret.PrefixOf(rawKey),
            clock.GetUtcNow().UtcDateTime, permissions);
        await apiKeys.InsertAsync(apiKey, cancellationToken);
        await apiKeys.SaveChangesAsync(cancellationToken);
        return new ApiKeyCreatedDto(apiKey.Id, apiKey.Name, apiKey.Prefix, apiKey.CreatedAt, rawKey, apiKey.PermissionList);
    }
}
