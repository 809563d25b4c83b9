using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.FlowControl;

/// <summary>
/// Samples memory every <c>HighThroughput:Memory:SampleInterval</c>, and at once when the settings change, so a raised
/// limit ends shedding without waiting for the next sample.
/// </summary>
public sealed partial class MemoryMonitor(
    MemoryFlowControl flowControl,
    IOptionsMonitor<MemoryFlowControlOptions> options,
    ILogger<MemoryMonitor> logger) : BackgroundService
{
    private readonly SemaphoreSlim _settingsChanged = new(0, 1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Known before the first request arrives.
        SampleSafely();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = options.OnChange(_ => WakeUp());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _settingsChanged.WaitAsync(options.CurrentValue.SampleInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                SampleSafely();
            }
        }
    }

    public override void Dispose()
    {
        _settingsChanged.Dispose();
        base.Dispose();
    }

    private void WakeUp()
    {
        if (_settingsChanged.CurrentCount == 0)
        {
            try
            {
                _settingsChanged.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken; one sample covers both changes.
            }
        }
    }

    private void SampleSafely()
    {
        try
        {
            flowControl.Sample();
        }
        catch (Exception exception)
        {
            // A failed sample keeps the last state; the next interval tries again.
            LogSampleFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not sample memory")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
