using Messaging.Authorization;

namespace Messaging.TenantManagement;

/// <summary>The TenantManagement module's permissions.</summary>
public static class TenantManagementPermissions
{
    /// <summary>Create, change and deactivate tenants, issue their keys, override their limits.</summary>
    public const string Tenants = "Messaging.Tenants";

    public const string HostApiKeys = "Messaging.HostApiKeys";

    /// <summary>A tenant's own API keys.</summary>
    public const string ApiKeys = "Messaging.ApiKeys";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Tenants, PermissionSides.Host, PermissionKind.Manage),
        new(HostApiKeys, PermissionSides.Host, PermissionKind.Manage),
        new(ApiKeys, PermissionSides.Tenant, PermissionKind.Manage)
    ];
}
