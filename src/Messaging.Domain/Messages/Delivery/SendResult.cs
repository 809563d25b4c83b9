namespace Messaging.Messages.Delivery;

public enum SendOutcome
{
    /// <summary>The provider took the message; <see cref="SendResult.ProviderMessageId"/> names it there.</summary>
    Sent,

    /// <summary>A failure that may pass (timeout, 5xx, connection refused): retry later; counts against the circuit.</summary>
    Transient,

    /// <summary>A failure that will not pass (invalid recipient, rejected content): the message fails at once.</summary>
    Permanent,

    /// <summary>The provider asks us to slow down: retry after <see cref="SendResult.RetryAfter"/>; not a failure.</summary>
    Throttled
}

/// <summary>What a provider answered to one send, classified by the sender that knows the provider's codes.</summary>
public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId, string? ErrorCode, string? Error, TimeSpan? RetryAfter)
{
    public static SendResult Sent(string providerMessageId) => new(SendOutcome.Sent, providerMessageId, null, null, null);

    public static SendResult Transient(string errorCode, string error) => new(SendOutcome.Transient, null, errorCode, error, null);

    public static SendResult Permanent(string errorCode, string error) => new(SendOutcome.Permanent, null, errorCode, error, null);

    public static SendResult Throttled(string errorCode, string error, TimeSpan? retryAfter) =>
        new(SendOutcome.Throttled, null, errorCode, error, retryAfter);
}
