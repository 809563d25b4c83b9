namespace Messaging.EventBus;

/// <summary>Bound from <c>EventBus</c>.</summary>
public sealed class EventBusOptions
{
    public const string SectionName = "EventBus";

    /// <summary>Events relayed per round trip to the transport.</summary>
    public int RelayBatchSize { get; set; } = 200;

    /// <summary>The fallback poll; commits wake the relay at once.</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed event belongs to one relay before another may take it over.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed relays of one event before it is parked as dead.</summary>
    public int MaxRelayAttempts { get; set; } = 5;
}
