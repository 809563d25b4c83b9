using Messaging.EmailQueue.Inbound;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

/// <summary>
/// Degraded while phase 2's queue is more than four fifths full (it is about to drop tasks) or its last batch was given
/// up; phase 1 still answers then, and what phase 2 misses is recovered later.
/// </summary>
public sealed class InboundEmailHealthCheck(InboundTaskProcessor processor, IOptionsMonitor<InboundEmailOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = processor.Status();
        var max = options.CurrentValue.MaxQueueSize;
        var data = new Dictionary<string, object> { ["queued"] = status.Queued, ["maxQueueSize"] = max, ["failed"] = status.Failed, ["dropped"] = status.Dropped };
        if (processor.LastBatchFailed)
        {
            return Task.FromResult(HealthCheckResult.Degraded("Phase 2's last batch of inbound emails failed; the recovery takes them up later.", data: data));
        }

        return Task.FromResult(status.Queued > max * 4L / 5
            ? HealthCheckResult.Degraded($"Phase 2 holds {status.Queued} of at most {max} tasks.", data: data)
            : HealthCheckResult.Healthy($"Phase 2 holds {status.Queued} tasks.", data));
    }
}
