namespace Messaging.Messages;

/// <summary>Bound from <c>Messages:AcceptedSweep</c>.</summary>
public sealed class AcceptedSweepOptions
{
    public const string SectionName = "Messages:AcceptedSweep";

    /// <summary>A message still Accepted this long after it was accepted has lost its way to Queued and is republished.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Stuck messages read per query.</summary>
    public int BatchSize { get; set; } = 500;
}
