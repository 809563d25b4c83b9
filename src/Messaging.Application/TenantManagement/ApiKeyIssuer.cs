using Messaging.Authorization;

namespace Messaging.TenantManagement;

internal static class ApiKeyIssuer
{
    public static async Task<ApiKeyCreatedDto> IssueAsync(IApiKeyRepository apiKeys, Guid? tenantId, CreateApiKeyDto input,
        PermissionCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = TenantInput.RequireName(input.Name, "name", TenantConsts.MaxApiKeyNameLength);
        var permissions = RequireGrantable(input.Permissions, tenantId is null ? PermissionSides.Host : PermissionSides.Tenant, catalog);
        var rawKey = ApiKeySecret.Generate();
        var apiKey = new ApiKey(Guid.CreateVersion7(), tenantId, name, ApiKeySecret.Hash(rawKey), ApiKeySecret.PrefixOf(rawKey),
            clock.GetUtcNow().UtcDateTime, permissions);
        await apiKeys.InsertAsync(apiKey, cancellationToken);
        await apiKeys.SaveChangesAsync(cancellationToken);
        return new ApiKeyCreatedDto(apiKey.Id, apiKey.Name, apiKey.Prefix, apiKey.CreatedAt, rawKey, apiKey.PermissionList);
    }

    private static List<string>? RequireGrantable(List<string>? requested, PermissionSides owner, PermissionCatalog catalog)
    {
        if (requested is null)
        {
            return null;
        }

        var unknown = requested.Where(name => catalog.Find(name) is not { } definition || (definition.Sides & owner) == 0).ToList();
        if (requested.Count == 0 || unknown.Count > 0)
        {
            throw TenantInput.Invalid("permissions", requested.Count == 0
                ? "A key needs at least one permission; leave the list out for all of them."
                : $"Not a permission a {(owner == PermissionSides.Host ? "host" : "tenant")} key can have: {string.Join(", ", unknown)}.");
        }

        var joinedLength = requested.Distinct(StringComparer.Ordinal).Sum(name => name.Length + 1);
        return joinedLength > TenantConsts.MaxApiKeyPermissionsLength
            ? throw TenantInput.Invalid("permissions", "Too many permissions for one key.")
            : requested;
    }
}
