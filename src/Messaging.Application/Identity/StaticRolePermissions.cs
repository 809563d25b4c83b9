using Messaging.Authorization;

namespace Messaging.Identity;

/// <summary>What each static role grants: the host admin every host permission; a tenant's admin every tenant permission,
/// its operator what reads and uses, its viewer what reads.</summary>
public sealed class StaticRolePermissions(PermissionCatalog catalog)
{
    public IReadOnlyList<string> Of(string role) => role switch
    {
        IdentityRoleNames.HostAdmin => catalog.HostPermissions,
        IdentityRoleNames.Admin => catalog.TenantPermissions,
        IdentityRoleNames.Operator => catalog.For(PermissionSides.Tenant, PermissionKind.Use),
        IdentityRoleNames.Viewer => catalog.For(PermissionSides.Tenant, PermissionKind.Read),
        _ => []
    };

    /// <summary>The union of the roles' permissions; a role given to a user of the wrong side grants nothing.</summary>
    public IReadOnlyList<string> Of(IEnumerable<string> roles, bool isHostUser) =>
        roles.Where(role => (role == IdentityRoleNames.HostAdmin) == isHostUser)
            .SelectMany(Of)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
