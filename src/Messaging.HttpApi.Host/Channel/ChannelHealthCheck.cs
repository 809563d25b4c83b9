using Messaging.ServerSentEvents;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messaging.Channel;

/// <summary>
/// Readiness of the Channel module: the delayed-message queue's size (degraded above
/// <c>Channel:DelayedMessages:AlertThreshold</c>), measured for its gauges too, and the SSE hub's connection summary.
/// </summary>
public sealed class ChannelHealthCheck(
    IServiceScopeFactory scopeFactory,
    SseConnectionRegistry connections,
    ChannelMetrics metrics,
    IOptionsMonitor<ChannelOptions> options,
    TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var size = await scope.ServiceProvider.GetRequiredService<IDelayedMessageStore>().MeasureAsync(cancellationToken);
        var growth = metrics.QueueMeasured(size, clock.GetUtcNow().UtcDateTime);
        var summary = connections.Summarize();
        var data = new Dictionary<string, object>
        {
            ["delayedWaiting"] = size.Waiting,
            ["delayedMaxPerTenant"] = size.MaxPerTenant,
            ["delayedAveragePerTenant"] = Math.Round(size.AveragePerTenant, 1),
            ["delayedGrowthPerMinute"] = Math.Round(growth, 1),
            ["sseConnections"] = summary.Active,
            ["sseMaxConnections"] = summary.MaxConnections,
            ["sseTenants"] = summary.ByTenant.Count,
            ["sseShuttingDown"] = summary.ShuttingDown
        };
        var threshold = options.CurrentValue.DelayedMessages.AlertThreshold;
        return size.Waiting > threshold
            ? HealthCheckResult.Degraded($"{size.Waiting} delayed messages wait, above the alert threshold of {threshold}.", data: data)
            : HealthCheckResult.Healthy($"{size.Waiting} delayed messages wait; {summary.Active} event streams open.", data);
    }
}
