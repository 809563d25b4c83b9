namespace Messaging.BackgroundJobs;

/// <summary>
/// The wait before trying again what failed (a message to its provider, an event to its transport, a status callback to
/// its receiver): exponential in the attempts made, capped, and jittered so that what failed together does not come
/// back together.
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
