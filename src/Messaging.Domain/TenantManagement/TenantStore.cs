using Messaging.MultiTenancy;

namespace Messaging.TenantManagement;

public sealed class TenantStore(ITenantRepository tenants) : ITenantStore
{
    public async Task<TenantInfo?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await tenants.FindAsync(id, cancellationToken) is { } tenant ? new TenantInfo(tenant.Id, tenant.Name, tenant.Tier, tenant.IsActive) : null;
}
