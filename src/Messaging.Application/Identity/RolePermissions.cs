using Messaging.Authorization;
using Messaging.Caching;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Identity;

/// <summary>
/// What a user's roles grant: the static roles' fixed grants, and for a tenant's own roles what the tenant granted them,
/// read once per tenant into this process's cache and forgotten on every instance when a role or grant changes, so a
/// revoked permission is gone at the next request.
/// </summary>
public sealed class RolePermissions(StaticRolePermissions staticRoles, PermissionCatalog catalog, InstanceCache cache, IServiceScopeFactory scopes,
    ICurrentTenant currentTenant)
{
    private const string CacheKey = "identity:role-grants";

    /// <summary>How long a tenant's grants stay cached when nothing changes them; a change evicts them at once.</summary>
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<string>> OfAsync(IReadOnlyCollection<string> roleNames, Guid? tenantId, CancellationToken cancellationToken)
    {
        var granted = staticRoles.Of(roleNames, isHostUser: tenantId is null).ToHashSet(StringComparer.Ordinal);
        if (tenantId is { } id && roleNames.Any(role => !IdentityRoleNames.All.Contains(role)))
        {
            var grants = await cache.GetOrLoadAsync(id, CacheKey, (self: this, id), static (state, token) => state.self.LoadAsync(state.id, token),
                CacheDuration, cancellationToken);
            foreach (var role in roleNames)
            {
                if (grants.TryGetValue(role, out var permissions))
                {
                    granted.UnionWith(permissions.Where(catalog.TenantPermissions.Contains));
                }
            }
        }

        return [.. granted];
    }

    public Task ForgetAsync(Guid tenantId, CancellationToken cancellationToken) => cache.ForgetAsync(tenantId, CacheKey, cancellationToken);

    private async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<string>>> LoadAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var tenantScope = currentTenant.Change(tenantId);
        await using var scope = scopes.CreateAsyncScope();
        var roles = await scope.ServiceProvider.GetRequiredService<ITenantRoleStore>().GetListAsync(cancellationToken);
        return roles.ToDictionary(role => role.Name, role => role.Permissions, StringComparer.Ordinal);
    }
}
