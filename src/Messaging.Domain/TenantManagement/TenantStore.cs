using Messaging.MultiTenancy;

namespace Messaging.TenantManagement;

public sealed class TenantStore(ITenantRepository tenants) : ITenantStore
{
    public async Task<TenantInfo?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        ToInfo(await tenants.FindAsync(id, cancellationToken));

    public async Task<TenantInfo?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        ToInfo(await tenants.FindByNameAsync(name, cancellationToken));

    private static TenantInfo? ToInfo(Tenant? tenant) =>
        tenant is null ? null : new TenantInfo(tenant.Id, tenant.Name, tenant.Tier, tenant.IsActive, tenant.RateLimitOverride);
}
