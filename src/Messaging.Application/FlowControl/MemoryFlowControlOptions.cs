namespace Messaging.FlowControl;

public sealed class MemoryFlowControlOptions
{
    public long LimitBytes { get; set; }

    public double ShedAtPercent { get; set; } = 90;

    // Lower than ShedAtPercent: the gap keeps an instance that hovers around the threshold from flapping.
    public double ResumeAtPercent { get; set; } = 80;

    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    // Longer than the buffer's: memory is freed by collections, not commits.
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
