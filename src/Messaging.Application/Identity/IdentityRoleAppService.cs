using Messaging.Authorization;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.Identity;

/// <summary>The static roles of the caller's side, and the roles a tenant defined for itself.</summary>
public sealed class IdentityRoleAppService(StaticRolePermissions staticRoles, ITenantRoleStore tenantRoles, RolePermissions rolePermissions,
    ICurrentTenant currentTenant, SecurityLog securityLog) : IIdentityRoleAppService
{
    public async Task<IReadOnlyList<IdentityRoleDto>> GetListAsync(CancellationToken cancellationToken = default)
    {
        var roles = StaticRolesOf(currentTenant).Select(role => new IdentityRoleDto(null, role, IsStatic: true, staticRoles.Of(role))).ToList();
        if (currentTenant.Id is not null)
        {
            roles.AddRange((await tenantRoles.GetListAsync(cancellationToken)).Select(ToDto));
        }

        return roles;
    }

    public async Task<IdentityRoleDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        ToDto(await OwnAsync(id, cancellationToken));

    public async Task<IdentityRoleDto> CreateAsync(IdentityRoleCreateUpdateDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var created = await tenantRoles.CreateAsync(NameOf(input), cancellationToken);
        await securityLog.WriteAsync(SecurityLogAction.RoleChanged, created.Name, cancellationToken: cancellationToken);
        await rolePermissions.ForgetAsync(tenantId, cancellationToken);
        return ToDto(created);
    }

    public async Task<IdentityRoleDto> UpdateAsync(Guid id, IdentityRoleCreateUpdateDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var renamed = await tenantRoles.RenameAsync(id, NameOf(input), cancellationToken) ?? throw new EntityNotFoundException("Role", id);
        await securityLog.WriteAsync(SecurityLogAction.RoleChanged, renamed.Name, cancellationToken: cancellationToken);
        await rolePermissions.ForgetAsync(tenantId, cancellationToken);
        return ToDto(renamed);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var role = await OwnAsync(id, cancellationToken);
        if (!await tenantRoles.DeleteAsync(id, cancellationToken))
        {
            throw new EntityNotFoundException("Role", id);
        }

        await securityLog.WriteAsync(SecurityLogAction.RoleDeleted, role.Name, cancellationToken: cancellationToken);
        await rolePermissions.ForgetAsync(tenantId, cancellationToken);
    }

    internal static IReadOnlyList<string> StaticRolesOf(ICurrentTenant currentTenant) =>
        currentTenant.Id is null ? [IdentityRoleNames.HostAdmin] : IdentityRoleNames.TenantRoles;

    private async Task<TenantRole> OwnAsync(Guid id, CancellationToken cancellationToken)
    {
        RequireTenant();
        return await tenantRoles.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("Role", id);
    }

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new UnprocessableRequestException(MessagingErrorCodes.StaticRole,
            "The host has only its static role; roles of one's own belong to tenants.");

    private static string NameOf(IdentityRoleCreateUpdateDto input) =>
        IdentityUserAppService.Bounded(input.Name, "name", IdentityConsts.MaxRoleNameLength) is { } name
            ? name
            : throw IdentityUserAppService.Invalid("name", "The role's name is required.");

    private static IdentityRoleDto ToDto(TenantRole role) => new(role.Id, role.Name, IsStatic: false, role.Permissions);
}

/// <summary>ABP's permission management for roles: provider name <c>R</c>, the role's name as the key.</summary>
public sealed class PermissionAppService(StaticRolePermissions staticRoles, ITenantRoleStore tenantRoles, RolePermissions rolePermissions,
    PermissionCatalog catalog, ICurrentTenant currentTenant, SecurityLog securityLog) : IPermissionAppService
{
    /// <summary>ABP's provider name for roles.</summary>
    public const string RoleProvider = "R";

    public async Task<PermissionListResultDto> GetAsync(string providerName, string providerKey, CancellationToken cancellationToken = default)
    {
        RequireRoleProvider(providerName);
        var granted = IdentityRoleAppService.StaticRolesOf(currentTenant).Contains(providerKey)
            ? staticRoles.Of(providerKey)
            : (await OwnRoleAsync(providerKey, cancellationToken)).Permissions;
        return ListOf(providerKey, granted);
    }

    public async Task<PermissionListResultDto> UpdateAsync(string providerName, string providerKey, UpdatePermissionsDto input,
        CancellationToken cancellationToken = default)
    {
        RequireRoleProvider(providerName);
        if (IdentityRoleAppService.StaticRolesOf(currentTenant).Contains(providerKey))
        {
            throw new UnprocessableRequestException(MessagingErrorCodes.StaticRole,
                $"What the static role '{providerKey}' grants is fixed; define a role of your own to grant something else.");
        }

        var role = await OwnRoleAsync(providerKey, cancellationToken);
        var grantable = catalog.For(PermissionSides.Tenant, PermissionKind.Manage);
        var unknown = input.Permissions.Select(permission => permission.Name).Where(name => name is null || !grantable.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw IdentityUserAppService.Invalid("permissions",
                $"Not a permission a tenant's role can be granted: {string.Join(", ", unknown.Select(name => name ?? "(no name)"))}.");
        }

        var granted = role.Permissions.ToHashSet(StringComparer.Ordinal);
        foreach (var change in input.Permissions)
        {
            if (change.IsGranted)
            {
                granted.Add(change.Name!);
            }
            else
            {
                granted.Remove(change.Name!);
            }
        }

        var updated = await tenantRoles.SetPermissionsAsync(role.Id, granted, cancellationToken) ?? throw new EntityNotFoundException("Role", providerKey);
        await securityLog.WriteAsync(SecurityLogAction.PermissionsChanged, role.Name, cancellationToken: cancellationToken);
        await rolePermissions.ForgetAsync(currentTenant.Id!.Value, cancellationToken);
        return ListOf(providerKey, updated.Permissions);
    }

    private PermissionListResultDto ListOf(string role, IReadOnlyList<string> granted)
    {
        var side = currentTenant.Id is null ? PermissionSides.Host : PermissionSides.Tenant;
        return new PermissionListResultDto(role, catalog.For(side, PermissionKind.Manage)
            .Select(name => new PermissionGrantInfoDto(name, granted.Contains(name)))
            .ToList());
    }

    private async Task<TenantRole> OwnRoleAsync(string name, CancellationToken cancellationToken) =>
        currentTenant.Id is not null && await tenantRoles.FindByNameAsync(name, cancellationToken) is { } role
            ? role
            : throw new EntityNotFoundException("Role", name);

    private static void RequireRoleProvider(string providerName)
    {
        if (providerName != RoleProvider)
        {
            throw IdentityUserAppService.Invalid("providerName", $"Permissions are granted to roles only: use '{RoleProvider}'.");
        }
    }
}
