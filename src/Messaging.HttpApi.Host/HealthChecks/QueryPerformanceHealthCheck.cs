using Messaging.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messaging.HealthChecks;

/// <summary>Degraded while more than <c>Database:SlowQueryDegradedShare</c> (5 %) of the last minutes' commands were slow.</summary>
public sealed class QueryPerformanceHealthCheck(QueryMonitor monitor, IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (total, slow) = monitor.Recent();
        var share = total == 0 ? 0 : (double)slow / total;
        var limit = configuration.GetValue("Database:SlowQueryDegradedShare", 0.05);
        var data = new Dictionary<string, object>
        {
            ["commands"] = total,
            ["slowCommands"] = slow,
            ["slowShare"] = Math.Round(share, 4),
            ["slowThresholdMs"] = monitor.SlowThreshold.TotalMilliseconds
        };
        return Task.FromResult(share > limit && slow >= 10
            ? HealthCheckResult.Degraded($"{slow} of {total} recent database commands took over {monitor.SlowThreshold.TotalMilliseconds} ms.", data: data)
            : HealthCheckResult.Healthy($"{slow} of {total} recent database commands were slow.", data));
    }
}
