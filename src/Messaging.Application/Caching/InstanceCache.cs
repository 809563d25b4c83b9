using Messaging.Backplane;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Messaging.Caching;

/// <summary>
/// A tenant's entries kept in this process only, never in the shared cache: what they hold may be secret (clear
/// provider credentials) or must change everywhere at once (what a role grants). Forgetting an entry evicts it here at
/// once and on every other instance through the backplane, as <see cref="TenantCache.RemoveEverywhereAsync"/> does (the
/// same channel and listener). A loader may run outside the caller's async flow, so it sets the tenant it reads for itself.
/// </summary>
public sealed class InstanceCache(HybridCache cache, IBackplane backplane)
{
    public ValueTask<T> GetOrLoadAsync<TState, T>(Guid tenantId, string key, TState state, Func<TState, CancellationToken, ValueTask<T>> load,
        TimeSpan duration, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(
            TenantCache.KeyFor(tenantId, key),
            state,
            load,
            new HybridCacheEntryOptions
            {
                Expiration = duration,
                LocalCacheExpiration = duration,
                Flags = HybridCacheEntryFlags.DisableDistributedCache
            },
            [TenantCache.TagFor(tenantId)],
            cancellationToken);

    public async Task ForgetAsync(Guid tenantId, string key, CancellationToken cancellationToken)
    {
        var scopedKey = TenantCache.KeyFor(tenantId, key);
        await cache.RemoveAsync(scopedKey, cancellationToken);
        await backplane.PublishAsync(TenantCache.EvictChannel, scopedKey, cancellationToken);
    }
}

public static class InstanceCacheRegistration
{
    /// <summary>Every module that keeps entries in an <see cref="InstanceCache"/> asks for it; it is registered once.</summary>
    public static IServiceCollection AddInstanceCache(this IServiceCollection services)
    {
        services.TryAddSingleton<InstanceCache>();
        return services.AddTenantCache();
    }
}
