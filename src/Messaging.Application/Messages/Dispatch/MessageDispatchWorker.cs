using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// Runs dispatch rounds on worker instances: back to back while batches come full, otherwise until a local commit
/// queues messages or the poll interval passes (other instances' commits are found by the poll).
/// </summary>
public sealed partial class MessageDispatchWorker(
    MessageDispatcher dispatcher,
    DispatchSignal signal,
    IOptionsMonitor<HighThroughputOptions> options,
    ILogger<MessageDispatchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue.Dispatch;
            int claimed;
            try
            {
                claimed = await dispatcher.DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Claims expire, so whatever this round held is picked up again; wait a poll so a broken database is not hammered.
                LogRoundFailed(logger, exception);
                claimed = 0;
            }

            if (claimed < settings.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch round failed; its messages are picked up again when their claims expire")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
