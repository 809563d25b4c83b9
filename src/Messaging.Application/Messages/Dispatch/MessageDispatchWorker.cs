using Messaging.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Dispatch;

/// <summary>Runs dispatch rounds on worker instances; a commit that queues messages on this instance wakes it at once.</summary>
public sealed class MessageDispatchWorker(
    MessageDispatcher dispatcher,
    DispatchSignal signal,
    IOptionsMonitor<HighThroughputOptions> options,
    ILogger<MessageDispatchWorker> logger) : RoundWorker(signal, logger)
{
    protected override int FullRound => options.CurrentValue.Dispatch.BatchSize;

    protected override TimeSpan PollInterval => options.CurrentValue.Dispatch.PollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => dispatcher.DispatchOnceAsync(cancellationToken);
}
