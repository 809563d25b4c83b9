using Messaging.Backplane;
using Microsoft.Extensions.Hosting;

namespace Messaging.Messages.Delivery;

/// <summary>Makes a provider configuration changed on another instance take effect on this one at once.</summary>
public sealed class ProviderConfigurationEvictionListener(IBackplane backplane, ProviderEndpointCache cache) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _subscription = await backplane.SubscribeAsync(ProviderEndpointCache.ForgetChannel,
            payload => cache.ForgetLocallyAsync(payload, CancellationToken.None), cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
