namespace Messaging.FlowControl;

/// <summary>When the process sheds load to stay clear of running out of memory.</summary>
public sealed class MemoryFlowControlOptions
{
    /// <summary>The memory the process may use, in bytes; 0 means what the runtime reports as available (the container's limit, else the machine's memory).</summary>
    public long LimitBytes { get; set; }

    /// <summary>From this share of the limit the heavy endpoints answer 503.</summary>
    public double ShedAtPercent { get; set; } = 90;

    /// <summary>
    /// Shedding stops only below this share, lower than <see cref="ShedAtPercent"/>: the gap keeps an instance
    /// that hovers around the threshold from flapping between shedding and admitting.
    /// </summary>
    public double ResumeAtPercent { get; set; } = 80;

    /// <summary>How often the memory in use is measured.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What a shed caller is told to wait; longer than the buffer's, since memory is freed by collections, not commits.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
