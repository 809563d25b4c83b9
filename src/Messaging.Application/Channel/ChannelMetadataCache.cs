using Messaging.Caching;
using Microsoft.Extensions.Options;

namespace Messaging.Channel;

/// <summary>
/// A channel's metadata (name, description, tags, creator, archived) per tenant, cached in memory and Redis for
/// <c>Channel:MetadataCacheDuration</c>; every change removes it on every instance. A missing channel is not cached.
/// </summary>
public sealed class ChannelMetadataCache(TenantCache cache, IOptionsMonitor<ChannelOptions> options)
{
    public async Task<ChannelDto?> GetOrLoadAsync(Guid channelId, Func<CancellationToken, Task<ChannelDto?>> load, CancellationToken cancellationToken)
    {
        var cached = await cache.GetOrCreateAsync(Key(channelId), async token => await load(token) is { } loaded ? [loaded] : Array.Empty<ChannelDto>(),
            options.CurrentValue.MetadataCacheDuration, cancellationToken);
        if (cached.Length == 0)
        {
            await cache.RemoveAsync(Key(channelId), cancellationToken);
            return null;
        }

        return cached[0];
    }

    public Task ForgetAsync(Guid channelId, CancellationToken cancellationToken) => cache.RemoveEverywhereAsync(Key(channelId), cancellationToken);

    private static string Key(Guid channelId) => $"channel:{channelId:N}";
}
