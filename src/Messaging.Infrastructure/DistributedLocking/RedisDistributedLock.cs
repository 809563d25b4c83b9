using Messaging.DistributedLocking;
using Messaging.Infrastructure.Redis;
using StackExchange.Redis;

namespace Messaging.Infrastructure.DistributedLocking;

/// <summary>
/// A lock all instances see, on Redis's SET NX with expiry and a token-checked release. While Redis is down it
/// falls back to exclusion within this process, which is enough for the idempotent work it guards.
/// </summary>
public sealed class RedisDistributedLock(RedisConnection connection, LocalDistributedLock local) : IDistributedLock
{
    private const string KeyPrefix = "messaging:lock:";

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            return await local.TryAcquireAsync(name, expiry, cancellationToken);
        }

        var key = new RedisKey(KeyPrefix + name);
        var token = Guid.NewGuid().ToString("N");
        try
        {
            return await connection.Database.LockTakeAsync(key, token, expiry) ? new Release(connection, key, token) : null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return await local.TryAcquireAsync(name, expiry, cancellationToken);
        }
    }

    private sealed class Release(RedisConnection connection, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.Database.LockReleaseAsync(key, token);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // The lock expires by itself; a failed release only delays the next holder.
            }
        }
    }
}
