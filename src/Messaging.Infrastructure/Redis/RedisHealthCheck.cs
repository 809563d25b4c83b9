using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messaging.Infrastructure.Redis;

/// <summary>Redis down is degraded, not unhealthy: the host keeps serving with local fallbacks.</summary>
public sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            return HealthCheckResult.Degraded("Redis is unreachable; cache, locks and fan-out are local to this instance.");
        }

        try
        {
            var latency = await connection.Database.PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis did not answer a ping; using local fallbacks.", exception);
        }
    }
}
