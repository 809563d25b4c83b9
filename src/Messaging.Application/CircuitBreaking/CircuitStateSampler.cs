using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Messaging.CircuitBreaking;

/// <summary>
/// Feeds the circuits-by-state gauge. Listing the shared circuits is I/O, which a gauge callback must not do, so this
/// samples in the background: at once after a transition of this instance, and regularly for those of others.
/// </summary>
public sealed partial class CircuitStateSampler(ICircuitBreaker breaker, CircuitMetrics metrics, ILogger<CircuitStateSampler> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                metrics.Sampled(await breaker.ListAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSampleFailed(logger, exception);
            }

            try
            {
                await metrics.WaitForTransitionAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample the circuits for the metrics")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
