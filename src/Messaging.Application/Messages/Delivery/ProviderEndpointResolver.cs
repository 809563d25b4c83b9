using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Delivery;

/// <summary>
/// Resolves a tenant's endpoint for a channel from its stored configuration (cached, see <see cref="ProviderEndpointCache"/>),
/// with the secrets unprotected, and falls back to the host's fallback provider for a channel the tenant has not configured.
/// </summary>
public sealed class ProviderEndpointResolver(
    ProviderEndpointCache cache,
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    ISecretProtector protector,
    IEnumerable<IMessageSender> senders,
    IOptionsMonitor<DeliveryProviderOptions> options) : IProviderEndpointResolver
{
    private readonly IReadOnlyList<IMessageSender> _senders = senders.ToList();

    public async Task<ProviderEndpoint?> ResolveAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken)
    {
        var configured = await cache.GetOrLoadAsync(tenantId, channel, (resolver: this, tenantId, channel),
            static async (state, token) => await state.resolver.LoadAsync(state.tenantId, state.channel, token), cancellationToken);
        return configured.Endpoint ?? Fallback(channel);
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
}
