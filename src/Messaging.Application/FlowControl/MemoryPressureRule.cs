namespace Messaging.FlowControl;

/// <summary>
/// The hysteresis rule of memory flow control, kept free of clocks and probes so it can be checked for any
/// sequence of readings: shedding starts at the shed threshold and stops only below the lower resume threshold.
/// </summary>
public static class MemoryPressureRule
{
    /// <param name="shedding">Whether the previous reading left the instance shedding.</param>
    /// <param name="reading">The memory in use and the limit it is measured against.</param>
    public static bool ShouldShed(bool shedding, MemoryReading reading, MemoryFlowControlOptions settings)
    {
        if (reading.LimitBytes <= 0)
        {
            // Nothing to measure against: shedding on a guess would refuse traffic for no reason.
            return false;
        }

        return shedding
            ? reading.UsedPercent >= settings.ResumeAtPercent
            : reading.UsedPercent >= settings.ShedAtPercent;
    }
}

/// <summary>The memory in use against the limit it must stay under.</summary>
public readonly record struct MemoryReading(long UsedBytes, long LimitBytes)
{
    public double UsedPercent => LimitBytes <= 0 ? 0 : 100.0 * UsedBytes / LimitBytes;
}
