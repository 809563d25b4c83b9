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
public sealed class AttachmentStatusCache(TenantCache cache, IOptionsMonitor<AttachmentOptions> options)
{
    public async Task<AttachmentDto> GetAsync(Guid id, Func<CancellationToken, Task<AttachmentDto>> load, CancellationToken cancellationToken)
    {
        var status = await cache.GetOrCreateAsync(KeyOf(id), async token => await load(token), options.CurrentValue.StatusCacheDuration, cancellationToken);
        if (status.Status is not (AttachmentStatus.Completed or AttachmentStatus.Failed))
        {
            await cache.RemoveAsync(KeyOf(id), cancellationToken);
        }

        return status;
    }

    /// <summary>Evicts the current tenant's entry here and on every instance.</summary>
    public Task EvictEverywhereAsync(Guid id, CancellationToken cancellationToken) => cache.RemoveEverywhereAsync(KeyOf(id), cancellationToken);

    private static string KeyOf(Guid id) => $"attachment:{id:N}";
}
