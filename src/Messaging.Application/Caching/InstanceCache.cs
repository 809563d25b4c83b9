using Messaging.Backplane;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Messaging.Caching;

/// <summary>
/// A tenant's entries kept in this process only, never in the shared cache: what they hold may be secret (clear
/// provider credentials) or must change everywhere at once (what a role grants). Forgetting an entry evicts it here at
/// once and on every other instance through the backplane. A loader may run outside the caller's async flow, so it
/// sets the tenant it reads for itself.
/// </summary>
public sealed class InstanceCache(HybridCache cache, IBackplane backplane)
{
    /// <summary>Backplane channel on which every instance hears which tenant's entry to forget.</summary>
    public const string ForgetChannel = "cache.forget";

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
        await cache.RemoveAsync(TenantCache.KeyFor(tenantId, key), cancellationToken);
        await backplane.PublishAsync(ForgetChannel, $"{tenantId:N}:{key}", cancellationToken);
    }

    internal async Task ForgetLocallyAsync(string payload)
    {
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        if (separator > 0 && Guid.TryParseExact(payload[..separator], "N", out var tenantId))
        {
            await cache.RemoveAsync(TenantCache.KeyFor(tenantId, payload[(separator + 1)..]), CancellationToken.None);
        }
    }
}

/// <summary>Makes an entry forgotten on another instance go from this one at once.</summary>
public sealed class InstanceCacheEvictionListener(IBackplane backplane, InstanceCache cache) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _subscription = await backplane.SubscribeAsync(InstanceCache.ForgetChannel, cache.ForgetLocallyAsync, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}

public static class InstanceCacheRegistration
{
    /// <summary>Every module that keeps entries in an <see cref="InstanceCache"/> asks for it; it is registered once.</summary>
    public static IServiceCollection AddInstanceCache(this IServiceCollection services)
    {
        services.TryAddSingleton<InstanceCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InstanceCacheEvictionListener>());
        return services;
    }
}
