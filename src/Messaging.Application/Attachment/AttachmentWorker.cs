using Messaging.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Attachment;

/// <summary>Runs processing rounds on worker instances; an upload committed on this instance wakes it at once.</summary>
public sealed class AttachmentWorker(
    AttachmentProcessing processing,
    AttachmentQueueSignal signal,
    AttachmentWorkerHeartbeat heartbeat,
    IOptionsMonitor<AttachmentOptions> options,
    ILogger<AttachmentWorker> logger) : RoundWorker(signal, logger)
{
    protected override int FullRound => options.CurrentValue.BatchSize;

    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var claimed = await processing.ProcessOnceAsync(cancellationToken);
        heartbeat.Beat();
        return claimed;
    }
}
