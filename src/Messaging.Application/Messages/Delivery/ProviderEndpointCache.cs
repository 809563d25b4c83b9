using System.ComponentModel;
using Messaging.Caching;
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
/// shared cache. A change evicts the entry here at once and on every other instance (<see cref="InstanceCache"/>).
/// </summary>
public sealed class ProviderEndpointCache(InstanceCache cache, IOptionsMonitor<DeliveryProviderOptions> options)
{
    public ValueTask<ConfiguredEndpoint> GetOrLoadAsync<TState>(Guid tenantId, MessageChannel channel, TState state,
        Func<TState, CancellationToken, ValueTask<ConfiguredEndpoint>> load, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(tenantId, KeyOf(channel), state, load, options.CurrentValue.EndpointCacheDuration, cancellationToken);

    /// <summary>Evicts a tenant's channel everywhere: here at once, on other instances through the backplane.</summary>
    public Task ForgetAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken) =>
        cache.ForgetAsync(tenantId, KeyOf(channel), cancellationToken);

    private static string KeyOf(MessageChannel channel) => $"provider-endpoint:{channel}";
}
