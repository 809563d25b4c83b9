namespace Messaging.Messages.Delivery;

/// <summary>Finds the provider a tenant configured for a channel, with its credentials unprotected.</summary>
public interface IProviderEndpointResolver
{
    /// <returns>The endpoint, or null when the tenant has none for the channel and no fallback provider applies.</returns>
    Task<ProviderEndpoint?> ResolveAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken);
}
