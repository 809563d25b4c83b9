using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messaging.Attachment;

/// <summary>
/// Degraded while more jobs wait than <c>Attachment:QueueAlertLength</c> (100), while more than <c>Attachment:ErrorRateAlert</c>
/// (1 %) of the jobs finished in <c>Attachment:ErrorRateWindow</c> (5 minutes) failed for good, or while this instance runs
/// a worker that has not finished a round for <c>Attachment:WorkerSilenceAlert</c> (5 minutes) (seed 8.3); measures the
/// queue for its gauge too.
/// </summary>
public sealed class AttachmentHealthCheck(
    IServiceScopeFactory scopeFactory,
    AttachmentMetrics metrics,
    AttachmentWorkerHeartbeat heartbeat,
    IOptionsMonitor<AttachmentOptions> options,
    TimeProvider clock,
    bool runsWorker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        await using var scope = scopeFactory.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IAttachmentQueueStore>();
        var (depths, oldest) = await store.MeasureAsync(cancellationToken);
        metrics.QueueMeasured(depths);
        var waiting = depths.Sum(d => d.Waiting);
        var now = clock.GetUtcNow().UtcDateTime;
        var data = new Dictionary<string, object>
        {
            ["waiting"] = waiting,
            ["oldestAgeSeconds"] = oldest is { } created ? Math.Round((now - created).TotalSeconds) : 0
        };
        if (waiting > settings.QueueAlertLength)
        {
            return HealthCheckResult.Degraded($"{waiting} attachment jobs wait, more than {settings.QueueAlertLength}.", data: data);
        }

        var (completed, failed) = await store.OutcomesSinceAsync(now - settings.ErrorRateWindow, cancellationToken);
        data["failedRecently"] = failed;
        data["completedRecently"] = completed;
        if (failed > 0 && failed > settings.ErrorRateAlert * (completed + failed))
        {
            return HealthCheckResult.Degraded(
                $"{failed} of {completed + failed} attachment jobs finished in the last {settings.ErrorRateWindow.TotalMinutes:0} minutes failed.", data: data);
        }

        var silentFor = heartbeat.LastRound is { } last ? now - last : (TimeSpan?)null;
        if (runsWorker && silentFor > settings.WorkerSilenceAlert)
        {
            return HealthCheckResult.Degraded($"The attachment worker has not finished a round for {silentFor.Value.TotalMinutes:0} minutes.", data: data);
        }

        return HealthCheckResult.Healthy($"{waiting} attachment jobs unfinished.", data);
    }
}
