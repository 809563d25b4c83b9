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

    /// <summary>The pause after an event's first failed relay; it doubles with each further failure.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two relays of a failing event; it is retried at this pace for as long as it fails.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
}
