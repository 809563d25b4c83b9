using System.ComponentModel;
using Messaging.Backplane;
using Messaging.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Delivery;

/// <summary>What a tenant configured for a channel, or nothing. Immutable, so the cache hands out this instance, not a copy.</summary>
[ImmutableObject(true)]
public sealed record ConfiguredEndpoint(ProviderEndpoint? Endpoint)
{
    public static readonly ConfiguredEndpoint None = new((ProviderEndpoint?)null);
}

/// <summary>
/// Resolved endpoints per tenant and channel, in this process only: they hold clear credentials, which must never reach a
/// shared cache. A change evicts the entry here at once and on every other instance through the backplane.
/// </summary>
public sealed class ProviderEndpointCache(HybridCache cache, IBackplane backplane, IOptionsMonitor<DeliveryProviderOptions> options)
{
    /// <summary>Backplane channel on which every instance hears which tenant's channel configuration changed.</summary>
    public const string ForgetChannel = "providers.forget";

    public ValueTask<ConfiguredEndpoint> GetOrLoadAsync<TState>(Guid tenantId, MessageChannel channel, TState state,
        Func<TState, CancellationToken, ValueTask<ConfiguredEndpoint>> load, CancellationToken cancellationToken)
    {
        var duration = options.CurrentValue.EndpointCacheDuration;
        return cache.GetOrCreateAsync(
            CacheKey(tenantId, channel),
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
    }

    /// <summary>Evicts a tenant's channel everywhere: here at once, on other instances through the backplane.</summary>
    public async Task ForgetAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken)
    {
        await cache.RemoveAsync(CacheKey(tenantId, channel), cancellationToken);
        await backplane.PublishAsync(ForgetChannel, $"{tenantId:N}:{channel}", cancellationToken);
    }

    public async Task ForgetLocallyAsync(string payload, CancellationToken cancellationToken)
    {
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        if (separator > 0
            && Guid.TryParseExact(payload[..separator], "N", out var tenantId)
            && Enum.TryParse<MessageChannel>(payload[(separator + 1)..], out var channel))
        {
            await cache.RemoveAsync(CacheKey(tenantId, channel), cancellationToken);
        }
    }

    private static string CacheKey(Guid tenantId, MessageChannel channel) => TenantCache.KeyFor(tenantId, $"provider-endpoint:{channel}");
}
