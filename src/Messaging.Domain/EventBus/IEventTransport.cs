namespace Messaging.EventBus;

/// <summary>Carries relayed events to their consumers (a broker, or this process when embedded).</summary>
public interface IEventTransport
{
    /// <summary>Publishes a batch; each outcome says whether that event is safely with the transport (confirmed).</summary>
    Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);
}

public readonly record struct PublishOutcome(bool Confirmed, string? Error)
{
    public static PublishOutcome Ok => new(true, null);

    public static PublishOutcome Failed(string error) => new(false, error);
}
