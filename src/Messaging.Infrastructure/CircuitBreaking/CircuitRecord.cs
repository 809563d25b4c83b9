using Messaging.CircuitBreaking;

namespace Messaging.Infrastructure.CircuitBreaking;

/// <summary>
/// What one circuit remembers, and the rules that move it. <see cref="RedisCircuitScripts"/> applies the same rules in
/// Lua; the property tests hold both to one reference model. A record that does not exist is <see cref="Closed"/>.
/// </summary>
internal readonly record struct CircuitRecord(
    CircuitState State,
    int Failures,
    DateTime? OpenedAt,
    DateTime? NextProbeAt,
    DateTime? ProbeLeaseUntil,
    bool Forced)
{
    public static readonly CircuitRecord Closed = new(CircuitState.Closed, 0, null, null, null, false);

    public (CircuitRecord Next, CircuitPermit Permit) Acquire(DateTime now, CircuitBreakerOptions options)
    {
        if (Forced)
        {
            return (this, CircuitPermit.Refused(now + options.RecoveryTimeout));
        }

        switch (State)
        {
            case CircuitState.Closed:
                return (this, CircuitPermit.Closed);
            case CircuitState.Open when now < (NextProbeAt ?? DateTime.MinValue):
                return (this, CircuitPermit.Refused(NextProbeAt!.Value));
            case CircuitState.HalfOpen when ProbeLeaseUntil is { } lease && now < lease:
                var soonest = now + options.HalfOpenRetryInterval;
                return (this, CircuitPermit.Refused(lease < soonest ? lease : soonest));
            default:
                // Open and due, or half-open with an abandoned probe: this caller probes.
                return (this with { State = CircuitState.HalfOpen, ProbeLeaseUntil = now + options.ProbeTimeout }, CircuitPermit.Probe);
        }
    }

    public CircuitRecord Succeeded()
    {
        // An open circuit ignores late answers of calls it let through before opening; only a probe closes it.
        if (Forced || State == CircuitState.Open || (State == CircuitState.Closed && Failures == 0))
        {
            return this;
        }

        return Closed;
    }

    public CircuitRecord Failed(DateTime now, CircuitBreakerOptions options)
    {
        if (Forced)
        {
            return this;
        }

        var failed = this with { Failures = Failures + 1 };
        return State == CircuitState.HalfOpen || (State == CircuitState.Closed && failed.Failures >= options.FailureThreshold)
            ? failed with { State = CircuitState.Open, OpenedAt = now, NextProbeAt = now + options.RecoveryTimeout, ProbeLeaseUntil = null }
            : failed;
    }

    public CircuitRecord ForcedOpen(DateTime now) => this with
    {
        State = CircuitState.Open,
        OpenedAt = State == CircuitState.Open && OpenedAt is not null ? OpenedAt : now,
        NextProbeAt = null,
        ProbeLeaseUntil = null,
        Forced = true
    };

    /// <summary>When the record may be forgotten: never while forced, otherwise idle after the last moment it matters.</summary>
    public DateTime? ExpiresAt(DateTime now, TimeSpan idleExpiry)
    {
        if (Forced)
        {
            return null;
        }

        var last = State switch
        {
            CircuitState.Open => NextProbeAt,
            CircuitState.HalfOpen => ProbeLeaseUntil,
            _ => null
        } ?? now;
        return (last > now ? last : now) + idleExpiry;
    }

    public CircuitSnapshot ToSnapshot(CircuitKey key) => new(key, State, Failures, OpenedAt,
        State switch
        {
            CircuitState.Open when !Forced => NextProbeAt,
            CircuitState.HalfOpen => ProbeLeaseUntil,
            _ => null
        },
        Forced);
}
