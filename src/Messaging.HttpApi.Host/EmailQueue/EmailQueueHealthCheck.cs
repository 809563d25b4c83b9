using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

/// <summary>Degraded while the oldest unfinished email event is older than <c>EmailQueue:DegradedAfter</c>; measures the queue for its gauges too.</summary>
public sealed class EmailQueueHealthCheck(
    IServiceScopeFactory scopeFactory,
    EmailQueueMetrics metrics,
    IOptionsMonitor<EmailQueueOptions> options,
    TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var (waiting, oldest) = await scope.ServiceProvider.GetRequiredService<IEmailDeliveryStore>().MeasureAsync(cancellationToken);
        var age = oldest is { } acceptedAt ? clock.GetUtcNow().UtcDateTime - acceptedAt : TimeSpan.Zero;
        metrics.QueueMeasured(waiting, age);
        var data = new Dictionary<string, object> { ["waiting"] = waiting, ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds) };
        return age > options.CurrentValue.DegradedAfter
            ? HealthCheckResult.Degraded($"The oldest unfinished email event waits for {age.TotalMinutes:0} minutes.", data: data)
            : HealthCheckResult.Healthy($"{waiting} email events unfinished.", data);
    }
}
