namespace Messaging.CircuitBreaking;

/// <summary>
/// The circuit of each provider and tenant, and the per-call timeout and retry the dispatcher wraps every provider call in.
/// Read per decision, so a change applies to the next call.
/// </summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Consecutive failed calls (after their retries) that open a closed circuit.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>The longest one attempt at a provider may take; a slower one counts as a transient failure.</summary>
    public TimeSpan TimeoutDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an opened circuit refuses every call before it lets one probe through.</summary>
    public TimeSpan RecoveryTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a half-open circuit waits for its probe's result. A probe whose caller never reports back (its worker
    /// crashed) expires after this and the next caller probes instead; it must outlast a whole call with its retries.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When a caller refused while a probe is in flight may look again. Short, so queued messages resume soon after a
    /// probe succeeds instead of waiting for the probe's whole lease.
    /// </summary>
    public TimeSpan HalfOpenRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries within one call, for transient failures only; the circuit sees the call's final result.</summary>
    public int RetryAttempts { get; set; } = 2;

    /// <summary>First wait before a retry within a call; it doubles with each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A circuit with nothing to remember (closed, or opened and long past its probe time) is forgotten after this
    /// long without a change, so the shared store does not grow with every provider and tenant ever seen.
    /// </summary>
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromDays(1);
}
