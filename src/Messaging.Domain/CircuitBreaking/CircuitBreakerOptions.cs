namespace Messaging.CircuitBreaking;

/// <summary>
/// The circuit of each provider and tenant, and the per-call timeout and retry the dispatcher wraps every provider call in.
/// Read per decision, so a change applies to the next call.
/// </summary>
public sealed class CircuitBreakerOptions
{
    public int FailureThreshold { get; set; } = 5;

    public TimeSpan TimeoutDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RecoveryTimeout { get; set; } = TimeSpan.FromMinutes(1);

    // A probe whose caller never reports back (its worker crashed) expires after this; it must outlast a whole call with its retries.
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    // Short, so queued messages resume soon after a probe succeeds instead of waiting for the probe's whole lease.
    public TimeSpan HalfOpenRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int RetryAttempts { get; set; } = 2;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    // So the shared store does not grow with every provider and tenant ever seen.
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromDays(1);
}
