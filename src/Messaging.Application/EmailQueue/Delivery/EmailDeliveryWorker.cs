using Messaging.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Delivery;

/// <summary>Runs email delivery rounds on worker instances; an event queued on this instance wakes it at once.</summary>
public sealed class EmailDeliveryWorker(
    EmailDelivery delivery,
    EmailQueueSignal signal,
    IOptionsMonitor<EmailQueueOptions> options,
    ILogger<EmailDeliveryWorker> logger) : RoundWorker(signal, logger)
{
    protected override int FullRound => options.CurrentValue.BatchSize;

    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => delivery.DeliverOnceAsync(cancellationToken);
}
