using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Messaging.Infrastructure.Redis;

/// <summary>
/// The shared (L2) cache over Redis that degrades to "no shared cache" while Redis is down: reads miss and
/// writes are dropped, so HybridCache serves from memory and the database instead of failing requests.
/// </summary>
public sealed class FallbackDistributedCache(IDistributedCache redis, RedisConnection connection) : IDistributedCache
{
    public byte[]? Get(string key) => Guard(() => redis.Get(key));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => redis.GetAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => redis.Set(key, value, options));

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(() => redis.SetAsync(key, value, options, token));

    public void Refresh(string key) => Guard(() => redis.Refresh(key));

    public Task RefreshAsync(string key, CancellationToken token = default) => GuardAsync(() => redis.RefreshAsync(key, token));

    public void Remove(string key) => Guard(() => redis.Remove(key));

    public Task RemoveAsync(string key, CancellationToken token = default) => GuardAsync(() => redis.RemoveAsync(key, token));

    private T? Guard<T>(Func<T?> call)
    {
        if (!connection.IsConnected)
        {
            return default;
        }

        try
        {
            return call();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return default;
        }
    }

    private void Guard(Action call) => Guard<object>(() =>
    {
        call();
        return null;
    });

    private async Task<T?> GuardAsync<T>(Func<Task<T?>> call)
    {
        if (!connection.IsConnected)
        {
            return default;
        }

        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return default;
        }
    }

    private Task GuardAsync(Func<Task> call) => GuardAsync<object>(async () =>
    {
        await call();
        return null;
    });
}
