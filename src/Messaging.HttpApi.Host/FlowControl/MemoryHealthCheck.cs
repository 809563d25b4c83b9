using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messaging.FlowControl;

/// <summary>
/// Unhealthy while the instance sheds load: a load balancer should send new traffic to instances that take it, and
/// readiness (not liveness) lets this one recover without a restart. Degraded between the resume and shed thresholds.
/// </summary>
public sealed class MemoryHealthCheck(MemoryFlowControl flowControl) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (flowControl.Status is not { } status)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Memory has not been sampled yet."));
        }

        var reading = status.Reading;
        var data = new Dictionary<string, object>
        {
            ["usedBytes"] = reading.UsedBytes,
            ["limitBytes"] = reading.LimitBytes,
            ["usedPercent"] = Math.Round(reading.UsedPercent, 1),
            ["shedAtPercent"] = status.ShedAtPercent,
            ["resumeAtPercent"] = status.ResumeAtPercent,
            ["shedding"] = status.Shedding,
            ["sampledAt"] = status.SampledAt
        };
        var result = status.Shedding ? HealthCheckResult.Unhealthy("Close to the memory limit: heavy requests are refused until memory falls.", data: data)
            : reading.LimitBytes <= 0 ? HealthCheckResult.Healthy("No memory limit is known; flow control is idle.", data)
            : reading.UsedPercent >= status.ResumeAtPercent ? HealthCheckResult.Degraded("Memory use is high, below the shed threshold.", data: data)
            : HealthCheckResult.Healthy("Memory use is below the thresholds.", data);
        return Task.FromResult(result);
    }
}
