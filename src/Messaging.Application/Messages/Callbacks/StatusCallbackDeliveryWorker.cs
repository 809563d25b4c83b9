using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Callbacks;

/// <summary>
/// Runs callback delivery rounds on worker instances: back to back while rounds come full, otherwise until a local
/// commit owes a callback or the poll interval passes (other instances' commits are found by the poll).
/// </summary>
public sealed partial class StatusCallbackDeliveryWorker(
    StatusCallbackDelivery delivery,
    StatusCallbackSignal signal,
    IOptionsMonitor<StatusCallbackOptions> options,
    ILogger<StatusCallbackDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            int claimed;
            try
            {
                claimed = await delivery.DeliverOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A status callback round failed; its callbacks are posted again when their claims expire")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
