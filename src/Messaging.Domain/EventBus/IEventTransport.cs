namespace Messaging.EventBus;

/// <summary>Carries relayed events to their consumers (a broker, or this process when embedded).</summary>
public interface IEventTransport
{
    /// <summary>What carries the events, as OpenTelemetry's <c>messaging.system</c> names it (<c>rabbitmq</c>, <c>in-process</c>).</summary>
    string MessagingSystem { get; }

    /// <summary>Publishes a batch; each outcome says whether that event is safely with the transport (confirmed).</summary>
    Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);
}

/// <param name="Undeliverable">
/// The event itself can never be delivered (its type is unknown, its payload unreadable): retrying cannot help, so it
/// is parked. Any other failure may pass (a broker, a database or a handler's dependency coming back) and is retried.
/// </param>
public readonly record struct PublishOutcome(bool Confirmed, string? Error, bool Undeliverable = false)
{
    public static PublishOutcome Ok => new(true, null);

    public static PublishOutcome Failed(string error) => new(false, error);

    public static PublishOutcome NeverDeliverable(string error) => new(false, error, Undeliverable: true);
}
