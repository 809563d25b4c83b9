using System.ComponentModel;
using Messaging.Backplane;
using Messaging.Caching;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Delivery;

/// <summary>
/// Resolves a tenant's endpoint for a channel from its stored configuration, falling back to the host's fallback provider.
/// Resolved configurations are cached in this process only (the clear credentials never reach a shared cache), per tenant
/// and channel; a change evicts the entry here at once and on every other instance through the backplane.
/// </summary>
public sealed class ProviderEndpointResolver(
    HybridCache cache,
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    ISecretProtector protector,
    IEnumerable<IMessageSender> senders,
    IBackplane backplane,
    IOptionsMonitor<DeliveryProviderOptions> options) : IProviderEndpointResolver
{
    /// <summary>Backplane channel on which every instance hears which tenant's channel configuration changed.</summary>
    public const string ForgetChannel = "providers.forget";

    private readonly IReadOnlyList<IMessageSender> _senders = senders.ToList();

    public async Task<ProviderEndpoint?> ResolveAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken)
    {
        var duration = options.CurrentValue.EndpointCacheDuration;
        var configured = await cache.GetOrCreateAsync(
            CacheKey(tenantId, channel),
            (resolver: this, tenantId, channel),
            static async (state, token) => await state.resolver.LoadAsync(state.tenantId, state.channel, token),
            new HybridCacheEntryOptions
            {
                Expiration = duration,
                LocalCacheExpiration = duration,
                Flags = HybridCacheEntryFlags.DisableDistributedCache
            },
            [TenantCache.TagFor(tenantId)],
            cancellationToken);
        return configured.Endpoint ?? Fallback(channel);
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

    private ProviderEndpoint? Fallback(MessageChannel channel)
    {
        var fallback = options.CurrentValue.FallbackProvider;
        return !string.IsNullOrWhiteSpace(fallback) && _senders.Any(s => s.Provider == fallback && s.Supports(channel))
            ? new ProviderEndpoint(fallback, null, null, null, null)
            : null;
    }

    private async Task<ConfiguredEndpoint> LoadAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken)
    {
        using var tenantScope = currentTenant.Change(tenantId);
        await using var scope = scopeFactory.CreateAsyncScope();
        var configuration = await scope.ServiceProvider.GetRequiredService<IProviderConfigurationRepository>()
            .FindAsync(tenantId, channel, cancellationToken);
        if (configuration is null)
        {
            return ConfiguredEndpoint.None;
        }

        return new ConfiguredEndpoint(new ProviderEndpoint(
            configuration.Provider,
            configuration.BaseUrl is null ? null : new Uri(configuration.BaseUrl, UriKind.Absolute),
            configuration.SenderId,
            configuration.ProtectedCredential is null ? null : protector.Unprotect(configuration.ProtectedCredential),
            configuration.ProtectedSigningSecret is null ? null : protector.Unprotect(configuration.ProtectedSigningSecret)));
    }

    private static string CacheKey(Guid tenantId, MessageChannel channel) => TenantCache.KeyFor(tenantId, $"provider-endpoint:{channel}");

    /// <summary>What a tenant configured for a channel, or nothing. Immutable, so the cache hands out this instance, not a copy.</summary>
    [ImmutableObject(true)]
    private sealed record ConfiguredEndpoint(ProviderEndpoint? Endpoint)
    {
        public static readonly ConfiguredEndpoint None = new((ProviderEndpoint?)null);
    }
}
