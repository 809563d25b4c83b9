using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.FlowControl;

/// <summary>
/// Whether this instance sheds load because it nears its memory limit. <see cref="MemoryMonitor"/> samples; requests
/// only read <see cref="IsShedding"/>, which costs nothing on the hot path.
/// </summary>
public sealed partial class MemoryFlowControl(
    IMemoryProbe probe,
    IOptionsMonitor<MemoryFlowControlOptions> options,
    FlowControlMetrics metrics,
    TimeProvider clock,
    ILogger<MemoryFlowControl> logger)
{
    private readonly Lock _sampling = new();
    private volatile MemoryStatus? _status;

    public bool IsShedding => _status?.Shedding ?? false;

    /// <summary>The last sample; null until the first.</summary>
    public MemoryStatus? Status => _status;

    /// <summary>What a shed caller is told to wait.</summary>
    public TimeSpan RetryAfter => options.CurrentValue.RetryAfter;

    public MemoryStatus Sample()
    {
        lock (_sampling)
        {
            var settings = options.CurrentValue;
            var usage = probe.Read();
            var reading = new MemoryReading(usage.UsedBytes, settings.LimitBytes > 0 ? settings.LimitBytes : usage.AvailableBytes);
            var wasShedding = _status?.Shedding ?? false;
            var shedding = MemoryPressureRule.ShouldShed(wasShedding, reading, settings);
            var status = new MemoryStatus(reading, shedding, settings.ShedAtPercent, settings.ResumeAtPercent, clock.GetUtcNow().UtcDateTime);
            _status = status;
            metrics.MemorySampled(status);
            if (shedding && !wasShedding)
            {
                LogShedding(logger, reading.UsedBytes, reading.LimitBytes, reading.UsedPercent, settings.ShedAtPercent);
            }
            else if (!shedding && wasShedding)
            {
                LogResumed(logger, reading.UsedBytes, reading.LimitBytes, reading.UsedPercent, settings.ResumeAtPercent);
            }

            return status;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Memory at {UsedBytes} of {LimitBytes} bytes ({UsedPercent:F1}%, shedding from {ShedAtPercent}%): shedding load")]
    private static partial void LogShedding(ILogger logger, long usedBytes, long limitBytes, double usedPercent, double shedAtPercent);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Memory at {UsedBytes} of {LimitBytes} bytes ({UsedPercent:F1}%, below {ResumeAtPercent}%): admitting load again")]
    private static partial void LogResumed(ILogger logger, long usedBytes, long limitBytes, double usedPercent, double resumeAtPercent);
}

public sealed record MemoryStatus(MemoryReading Reading, bool Shedding, double ShedAtPercent, double ResumeAtPercent, DateTime SampledAt);
