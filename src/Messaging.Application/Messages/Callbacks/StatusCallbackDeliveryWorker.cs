using Messaging.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Callbacks;

/// <summary>Runs callback delivery rounds on worker instances; a status change owed on this instance wakes it at once.</summary>
public sealed class StatusCallbackDeliveryWorker(
    StatusCallbackDelivery delivery,
    StatusCallbackSignal signal,
    IOptionsMonitor<StatusCallbackOptions> options,
    ILogger<StatusCallbackDeliveryWorker> logger) : RoundWorker(signal, logger)
{
    protected override int FullRound => options.CurrentValue.BatchSize;

    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => delivery.DeliverOnceAsync(cancellationToken);
}
