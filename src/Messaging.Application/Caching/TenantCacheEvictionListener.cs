using Messaging.Backplane;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Messaging.Caching;

/// <summary>Forgets, in this instance's memory, the tenant cache entries another instance removed with <see cref="TenantCache.RemoveEverywhereAsync"/>.</summary>
public sealed class TenantCacheEvictionListener(IBackplane backplane, TenantCache cache) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _subscription = await backplane.SubscribeAsync(TenantCache.EvictChannel, key => cache.ForgetLocallyAsync(key).AsTask(), cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}

public static class TenantCacheRegistration
{
    /// <summary>The tenant cache with its eviction on every instance; any module may call it, it registers once.</summary>
    public static IServiceCollection AddTenantCache(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TenantCacheEvictionListener>());
        return services;
    }
}
