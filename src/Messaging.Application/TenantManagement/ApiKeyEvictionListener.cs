using Messaging.Backplane;
using Microsoft.Extensions.Hosting;

namespace Messaging.TenantManagement;

/// <summary>Makes a revocation or tenant change made on another instance take effect on this one at once.</summary>
public sealed class ApiKeyEvictionListener(IBackplane backplane, ApiKeyAuthenticator authenticator) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _subscription = await backplane.SubscribeAsync(ApiKeyAuthenticator.ForgetChannel,
            keyHash => authenticator.ForgetLocallyAsync(keyHash).AsTask(), cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
