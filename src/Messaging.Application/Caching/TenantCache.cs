using Messaging.Backplane;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Caching.Hybrid;

namespace Messaging.Caching;

/// <summary>
/// Cache entries that belong to the current tenant. Keys carry the tenant id, so one tenant can never read
/// another's entry, and entries are tagged with it, so all of a tenant's entries can be evicted at once.
/// Backed by HybridCache: memory, plus Redis when configured. HybridCache forgets an entry in this instance's memory
/// only, so an entry other instances must stop serving at once is removed with <see cref="RemoveEverywhereAsync"/>.
/// </summary>
public sealed class TenantCache(HybridCache cache, ICurrentTenant currentTenant, IBackplane backplane)
{
    /// <summary>Backplane channel on which every instance hears which tenant-scoped key to forget.</summary>
    public const string EvictChannel = "cache.evict";

    public ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> factory, TimeSpan expiration,
        CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var tier = currentTenant.Tier;
        // The cache may run the factory outside the caller's async flow; it must still see the caller's tenant.
        return cache.GetOrCreateAsync(KeyFor(tenantId, key), async token =>
            {
                using var scope = currentTenant.Change(tenantId, tier);
                return await factory(token);
            },
            new HybridCacheEntryOptions { Expiration = expiration, LocalCacheExpiration = expiration },
            [TagFor(tenantId)], cancellationToken);
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        cache.RemoveAsync(KeyFor(RequireTenant(), key), cancellationToken);

    /// <summary>Removes the entry here and in Redis at once, and from every other instance's memory through the backplane.</summary>
    public async Task RemoveEverywhereAsync(string key, CancellationToken cancellationToken = default)
    {
        var scopedKey = KeyFor(RequireTenant(), key);
        await cache.RemoveAsync(scopedKey, cancellationToken);
        await backplane.PublishAsync(EvictChannel, scopedKey, cancellationToken);
    }

    /// <summary>What an instance does when another announced an eviction: forget the key in its own memory.</summary>
    public ValueTask ForgetLocallyAsync(string scopedKey) =>
        scopedKey.StartsWith("t:", StringComparison.Ordinal) ? cache.RemoveAsync(scopedKey) : ValueTask.CompletedTask;

    /// <summary>Evicts every entry of one tenant (after a tenant-wide change such as deactivation).</summary>
    public ValueTask RemoveAllAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        cache.RemoveByTagAsync(TagFor(tenantId), cancellationToken);

    public static string KeyFor(Guid tenantId, string key) => $"t:{tenantId:N}:{key}";

    public static string TagFor(Guid tenantId) => $"tenant:{tenantId:N}";

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new InvalidOperationException("Tenant cache entries need a current tenant.");
}
