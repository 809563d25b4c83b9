namespace Messaging.Messages.Dispatch;

/// <summary>
/// When a message goes back to the provider after a transient failure: exponential in the attempts made, capped, with
/// full jitter ("decorrelated" waits) so that messages that failed together do not come back together.
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan After(int attemptsMade, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);
        var exponent = Math.Min(attemptsMade - 1, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // Half fixed, half random: never sooner than half the ceiling, so the backoff still grows.
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * jitter);
    }
}
