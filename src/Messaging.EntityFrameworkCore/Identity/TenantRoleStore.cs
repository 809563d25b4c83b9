using Messaging.ExceptionHandling;
using Messaging.Identity;
using Messaging.MultiTenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>A tenant's own roles as ASP.NET Core Identity roles with the tenant's id; what each grants is its role claims.</summary>
public sealed class TenantRoleStore(RoleManager<IdentityRoleDefinition> roles, MessagingDbContext db, ICurrentTenant currentTenant) : ITenantRoleStore
{
    public async Task<IReadOnlyList<TenantRole>> GetListAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var own = await db.Set<IdentityRoleDefinition>().AsNoTracking().Where(role => role.TenantId == tenantId)
            .OrderBy(role => role.NormalizedName).ToListAsync(cancellationToken);
        var ids = own.Select(role => role.Id).ToList();
        var grants = (await db.Set<IdentityRoleClaim<Guid>>().AsNoTracking()
                .Where(claim => ids.Contains(claim.RoleId) && claim.ClaimType == IdentityConsts.PermissionGrantClaimType)
                .Select(claim => new { claim.RoleId, claim.ClaimValue })
                .ToListAsync(cancellationToken))
            .ToLookup(claim => claim.RoleId, claim => claim.ClaimValue!);
        return own.Select(role => ToRole(role, grants[role.Id])).ToList();
    }

    public async Task<TenantRole?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindOwnAsync(id) is { } role ? ToRole(role, await PermissionsOfAsync(role)) : null;

    public async Task<TenantRole?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        await roles.FindByNameAsync(name) is { } role && role.TenantId == RequireTenant() ? ToRole(role, await PermissionsOfAsync(role)) : null;

    public async Task<TenantRole> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        var role = new IdentityRoleDefinition(Guid.CreateVersion7(), name, RequireTenant());
        Require(await roles.CreateAsync(role));
        return ToRole(role, []);
    }

    public async Task<TenantRole?> RenameAsync(Guid id, string name, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(id) is not { } role)
        {
            return null;
        }

        Require(await roles.SetRoleNameAsync(role, name));
        Require(await roles.UpdateAsync(role));
        return ToRole(role, await PermissionsOfAsync(role));
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(id) is not { } role)
        {
            return false;
        }

        Require(await roles.DeleteAsync(role));
        return true;
    }

    public async Task<TenantRole?> SetPermissionsAsync(Guid id, IReadOnlyCollection<string> permissions, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(id) is not { } role)
        {
            return null;
        }

        var granted = db.Set<IdentityRoleClaim<Guid>>();
        granted.RemoveRange(await granted.Where(claim => claim.RoleId == role.Id && claim.ClaimType == IdentityConsts.PermissionGrantClaimType)
            .ToListAsync(cancellationToken));
        granted.AddRange(permissions.Distinct(StringComparer.Ordinal).Select(permission => new IdentityRoleClaim<Guid>
        {
            RoleId = role.Id,
            ClaimType = IdentityConsts.PermissionGrantClaimType,
            ClaimValue = permission
        }));
        await db.SaveChangesAsync(cancellationToken);
        return ToRole(role, await PermissionsOfAsync(role));
    }

    private async Task<IdentityRoleDefinition?> FindOwnAsync(Guid id) =>
        await roles.FindByIdAsync(id.ToString()) is { } role && role.TenantId == RequireTenant() ? role : null;

    private async Task<IReadOnlyList<string>> PermissionsOfAsync(IdentityRoleDefinition role) =>
        await db.Set<IdentityRoleClaim<Guid>>().AsNoTracking()
            .Where(claim => claim.RoleId == role.Id && claim.ClaimType == IdentityConsts.PermissionGrantClaimType)
            .Select(claim => claim.ClaimValue!)
            .ToListAsync();

    private static TenantRole ToRole(IdentityRoleDefinition role, IEnumerable<string> permissions) =>
        new(role.Id, role.Name!, [.. permissions.Order(StringComparer.Ordinal)]);

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Roles of one's own belong to tenants; the host has its static role.");

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["name"] = result.Errors.Select(error => error.Description).ToArray()
            });
        }
    }
}
