using Messaging.Messages.Ingestion;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.HealthChecks;

/// <summary>Ready while the buffer admits messages; degraded above the backpressure threshold; unhealthy when closed or full.</summary>
public sealed class MessageBufferHealthCheck(MessageBuffer buffer, IOptionsMonitor<HighThroughputOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue.Buffer;
        var depth = buffer.Depth;
        var data = new Dictionary<string, object>
        {
            ["depth"] = depth,
            ["capacity"] = settings.Capacity,
            ["backpressureThreshold"] = settings.BackpressureThreshold
        };
        var result = buffer.IsClosed ? HealthCheckResult.Unhealthy("Shutting down: the buffer no longer admits messages.", data: data)
            : depth >= settings.Capacity ? HealthCheckResult.Unhealthy("The message buffer is full.", data: data)
            : depth >= settings.BackpressureThreshold ? HealthCheckResult.Degraded("The message buffer is above its backpressure threshold.", data: data)
            : HealthCheckResult.Healthy("The message buffer admits messages.", data);
        return Task.FromResult(result);
    }
}
