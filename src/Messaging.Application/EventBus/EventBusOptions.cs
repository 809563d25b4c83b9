namespace Messaging.EventBus;

public sealed class EventBusOptions
{
    public const string SectionName = "EventBus";

    public int RelayBatchSize { get; set; } = 200;

    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
}
