using Messaging.Infrastructure.Redis;
using Messaging.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Infrastructure.RateLimiting;

/// <summary>
/// One limit for all instances: each decision is one atomic Lua script on the tenant's keys, so no two instances can
/// both take the last slot. The window is an exact log (a sorted set of admission times, trimmed to the window); the
/// burst is the part of that log within the last second; concurrency slots are leases (a sorted set scored by expiry)
/// that the script drops once expired, so slots an instance took before it crashed free themselves. Time comes from the
/// caller's clock, not Redis's, so tests can control it; instances need synchronised clocks (NTP), as skew shifts
/// the window's edges by that much. While Redis is unreachable, or with distributed limiting switched off, decisions
/// fall back to this instance's <see cref="LocalTenantRateLimiter"/> without failing a request.
/// </summary>
public sealed partial class RedisTenantRateLimiter(
    RedisConnection connection,
    LocalTenantRateLimiter local,
    IOptionsMonitor<RateLimitingOptions> options,
    TimeProvider clock,
    ILogger<RedisTenantRateLimiter> logger) : ITenantRateLimiter
{
    private const string KeyPrefix = "messaging:ratelimit:";

    /// <summary>
    /// KEYS[1] the admission log, KEYS[2] the leases; ARGV: now (ms), window (ms), limit, burst window (ms), burst,
    /// concurrent, lease timeout (ms), request id, permits, holds slot (1 or 0). Answers {1, count, reset ms} when admitted,
    /// {0, kind, retry ms} when not (kind 1 window, 2 burst, 3 concurrency).
    /// </summary>
    internal const string Script = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        local burstWindow = tonumber(ARGV[4])
        local burst = tonumber(ARGV[5])
        local concurrent = tonumber(ARGV[6])
        local leaseTimeout = tonumber(ARGV[7])
        local permits = tonumber(ARGV[9])
        local holdsSlot = ARGV[10] == '1'
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        if count + permits > limit then
          local entry = redis.call('ZRANGE', KEYS[1], count + permits - limit - 1, count + permits - limit - 1, 'WITHSCORES')
          return {0, 1, tonumber(entry[2]) + window - now}
        end
        local inBurst = redis.call('ZCOUNT', KEYS[1], '(' .. (now - burstWindow), '+inf')
        if inBurst + permits > burst then
          local entry = redis.call('ZRANGE', KEYS[1], count + permits - burst - 1, count + permits - burst - 1, 'WITHSCORES')
          return {0, 2, tonumber(entry[2]) + burstWindow - now}
        end
        if holdsSlot then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
          if redis.call('ZCARD', KEYS[2]) >= concurrent then
            return {0, 3, 1000}
          end
        end
        for i = 1, permits do
          redis.call('ZADD', KEYS[1], now, ARGV[8] .. ':' .. i)
        end
        if permits > 0 then
          redis.call('PEXPIRE', KEYS[1], window + burstWindow)
        end
        if holdsSlot then
          redis.call('ZADD', KEYS[2], now + leaseTimeout, ARGV[8])
          redis.call('PEXPIRE', KEYS[2], leaseTimeout + burstWindow)
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if #oldest == 0 then
          return {1, count + permits, 0}
        end
        return {1, count + permits, tonumber(oldest[2]) + window - now}
        """;

    private static readonly RedisValue BurstWindowMs = (long)RateLimits.BurstWindow.TotalMilliseconds;

    private int _fallingBack;

    public ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, CancellationToken cancellationToken = default) =>
        AcquireAsync(tenantId, limits, permits: 1, holdsSlot: true, cancellationToken);

    public async ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, int permits, bool holdsSlot,
        CancellationToken cancellationToken = default)
    {
        limits.EnsureAdmissible(permits);
        if (!options.CurrentValue.EnableDistributedLimiting)
        {
            return local.Acquire(tenantId, limits, permits, holdsSlot);
        }

        if (!connection.IsConnected)
        {
            FallBack(null);
            return local.Acquire(tenantId, limits, permits, holdsSlot);
        }

        try
        {
            var decision = await EvaluateAsync(tenantId, limits, permits, holdsSlot);
            if (Interlocked.Exchange(ref _fallingBack, 0) == 1)
            {
                LogShared(logger);
            }

            return decision;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            FallBack(exception);
            return local.Acquire(tenantId, limits, permits, holdsSlot);
        }
    }

    private async Task<RateLimitDecision> EvaluateAsync(Guid tenantId, RateLimits limits, int permits, bool holdsSlot)
    {
        var prefix = $"{KeyPrefix}{{{tenantId:N}}}:";
        RedisKey[] keys = [prefix + "log", prefix + "leases"];
        var requestId = Guid.CreateVersion7().ToString("N");
        var result = (RedisResult[])(await connection.Database.ScriptEvaluateAsync(Script, keys,
        [
            clock.GetUtcNow().ToUnixTimeMilliseconds(),
            (long)limits.Window.TotalMilliseconds,
            limits.PerWindow,
            BurstWindowMs,
            limits.Burst,
            limits.Concurrent,
            (long)limits.LeaseTimeout.TotalMilliseconds,
            requestId,
            permits,
            holdsSlot ? 1 : 0
        ]))!;
        if ((long)result[0] == 1)
        {
            var count = (int)(long)result[1];
            return RateLimitDecision.Admitted(limits.PerWindow, limits.PerWindow - count, TimeSpan.FromMilliseconds((long)result[2]),
                holdsSlot ? () => ReleaseAsync(keys[1], requestId) : static () => ValueTask.CompletedTask);
        }

        var retryAfter = TimeSpan.FromMilliseconds((long)result[2]);
        return (long)result[1] switch
        {
            1 => RateLimitDecision.Refused(RateLimitKind.Window, limits.PerWindow, retryAfter),
            2 => RateLimitDecision.Refused(RateLimitKind.Burst, limits.Burst, retryAfter),
            _ => RateLimitDecision.Refused(RateLimitKind.Concurrency, limits.Concurrent, retryAfter)
        };
    }

    /// <summary>Gives the slot back without waiting for Redis; if that fails, the lease expires by itself.</summary>
    private ValueTask ReleaseAsync(RedisKey leases, string requestId)
    {
        if (connection.IsConnected)
        {
            try
            {
                connection.Database.SortedSetRemove(leases, requestId, CommandFlags.FireAndForget);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogReleaseFailed(logger, exception);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void FallBack(Exception? exception)
    {
        if (Interlocked.Exchange(ref _fallingBack, 1) == 0)
        {
            LogFallingBack(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: rate limits are enforced by each instance on its own until it returns")]
    private static partial void LogFallingBack(ILogger logger, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limits are shared through Redis again")]
    private static partial void LogShared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not release a concurrency lease in Redis; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
