namespace Messaging.Messages.Callbacks;

/// <summary>Exponential backoff with jitter, so the callbacks of a tenant whose server was down do not all return at once.</summary>
public static class StatusCallbackBackoff
{
    /// <param name="failedAttempt">The attempt that just failed, from 1.</param>
    /// <param name="jitter">A number in [0, 1) (a random one in production): spreads the delay over ±20 %.</param>
    public static TimeSpan DelayAfter(int failedAttempt, StatusCallbackOptions options, double jitter)
    {
        var doublings = Math.Min(Math.Max(failedAttempt - 1, 0), 30);
        var nominal = Math.Min(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, doublings), options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(nominal * (0.8 + 0.4 * jitter));
    }
}
