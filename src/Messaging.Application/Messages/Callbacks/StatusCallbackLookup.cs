using Messaging.Caching;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Callbacks;

/// <summary>
/// Whether a tenant has a status callback, cached per tenant (keys and tags as <see cref="TenantCache"/> makes them,
/// so evicting a tenant evicts this too). Takes the tenant explicitly: a dispatcher works for many tenants at once.
/// </summary>
public sealed class StatusCallbackLookup(
    HybridCache cache,
    IStatusCallbackRepository callbacks,
    ICurrentTenant currentTenant,
    IOptionsMonitor<StatusCallbackOptions> options)
{
    private const string Key = "status-callback:exists";

    public ValueTask<bool> HasCallbackAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        var duration = options.CurrentValue.LookupCacheDuration;
        return cache.GetOrCreateAsync(TenantCache.KeyFor(tenantId, Key), async token =>
            {
                using var tenant = currentTenant.Change(tenantId);
                return await callbacks.ExistsAsync(tenantId, token);
            },
            new HybridCacheEntryOptions { Expiration = duration, LocalCacheExpiration = duration },
            [TenantCache.TagFor(tenantId)], cancellationToken);
    }

    public ValueTask ForgetAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        cache.RemoveAsync(TenantCache.KeyFor(tenantId, Key), cancellationToken);
}
