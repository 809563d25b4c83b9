using Messaging.Backplane;
using Messaging.Caching;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Messaging.Attachment;

/// <summary>
/// Status reads, cache first (seed properties 24 to 26): a finished job's answer is cached per tenant for
/// <see cref="AttachmentOptions.StatusCacheDuration"/> (24 h) and read from the database and cached again after a miss.
/// Unfinished jobs change by the second, so they are always read from the database. Deleting an attachment evicts its
/// entry here and, through the backplane, on every instance.
/// </summary>
public sealed class AttachmentStatusCache(TenantCache cache, IBackplane backplane, IOptionsMonitor<AttachmentOptions> options)
{
    public const string EvictionChannel = "attachment.status-evicted";

    public async Task<AttachmentDto> GetAsync(Guid id, Func<CancellationToken, Task<AttachmentDto>> load, CancellationToken cancellationToken)
    {
        var status = await cache.GetOrCreateAsync(KeyOf(id), async token => await load(token), options.CurrentValue.StatusCacheDuration, cancellationToken);
        if (status.Status is not (AttachmentStatus.Completed or AttachmentStatus.Failed))
        {
            await cache.RemoveAsync(KeyOf(id), cancellationToken);
        }

        return status;
    }

    public async Task EvictEverywhereAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await cache.RemoveAsync(KeyOf(id), cancellationToken);
        await backplane.PublishAsync(EvictionChannel, $"{tenantId:N}:{id:N}", cancellationToken);
    }

    internal Task EvictLocallyAsync(Guid id) => cache.RemoveAsync(KeyOf(id)).AsTask();

    private static string KeyOf(Guid id) => $"attachment:{id:N}";
}

/// <summary>Evicts on this instance what another instance's deletion announced.</summary>
public sealed class AttachmentStatusEvictionListener(IBackplane backplane, AttachmentStatusCache statusCache, ICurrentTenant currentTenant) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _subscription = await backplane.SubscribeAsync(AttachmentStatusCache.EvictionChannel, async payload =>
        {
            var parts = payload.Split(':');
            if (parts.Length == 2 && Guid.TryParse(parts[0], out var tenantId) && Guid.TryParse(parts[1], out var id))
            {
                using var tenant = currentTenant.Change(tenantId);
                await statusCache.EvictLocallyAsync(id);
            }
        }, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
