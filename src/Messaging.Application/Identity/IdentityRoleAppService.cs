using Messaging.Authorization;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.Identity;

public sealed class IdentityRoleAppService(StaticRolePermissions rolePermissions, ICurrentTenant currentTenant) : IIdentityRoleAppService
{
    public Task<IReadOnlyList<IdentityRoleDto>> GetListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IdentityRoleDto>>(RolesOfTheCallersSide(currentTenant)
            .Select(role => new IdentityRoleDto(role, IsStatic: true, rolePermissions.Of(role)))
            .ToList());

    internal static IReadOnlyList<string> RolesOfTheCallersSide(ICurrentTenant currentTenant) =>
        currentTenant.Id is null ? [IdentityRoleNames.HostAdmin] : IdentityRoleNames.TenantRoles;
}

public sealed class PermissionAppService(StaticRolePermissions rolePermissions, PermissionCatalog catalog, ICurrentTenant currentTenant)
    : IPermissionAppService
{
    /// <summary>ABP's provider name for roles.</summary>
    public const string RoleProvider = "R";

    public Task<PermissionListResultDto> GetAsync(string providerName, string providerKey, CancellationToken cancellationToken = default)
    {
        if (providerName != RoleProvider)
        {
            throw IdentityUserAppService.Invalid("providerName", $"Permissions are granted to roles only: use '{RoleProvider}'.");
        }

        if (!IdentityRoleAppService.RolesOfTheCallersSide(currentTenant).Contains(providerKey))
        {
            throw new EntityNotFoundException("Role", providerKey);
        }

        var side = currentTenant.Id is null ? PermissionSides.Host : PermissionSides.Tenant;
        var granted = rolePermissions.Of(providerKey);
        return Task.FromResult(new PermissionListResultDto(providerKey, catalog.For(side, PermissionKind.Manage)
            .Select(name => new PermissionGrantInfoDto(name, granted.Contains(name)))
            .ToList()));
    }
}
