namespace Messaging.CircuitBreaking;

/// <summary>
/// The seed's circuit breaker said as plainly as possible, one circuit per key, to hold both implementations to.
/// Closed: count consecutive failures, open at the threshold. Open: refuse until the probe time, then let the first
/// caller probe (half-open) and refuse the rest until the probe reports or its lease runs out. A probe's success closes,
/// its failure opens again. Forced open refuses everything until reset. A success while closed clears the count.
/// </summary>
public sealed class CircuitModel(CircuitModel.Settings settings)
{
    public sealed record Settings(int Threshold, TimeSpan Recovery, TimeSpan ProbeTimeout, TimeSpan HalfOpenRetry);

    private sealed class Circuit
    {
        public CircuitState State = CircuitState.Closed;
        public int Failures;
        public DateTime? OpenedAt;
        public DateTime? ProbeAt;
        public DateTime? ProbeExpires;
        public bool Forced;
    }

    private readonly Dictionary<CircuitKey, Circuit> _circuits = [];

    private Circuit Of(CircuitKey key) => _circuits.TryGetValue(key, out var circuit) ? circuit : _circuits[key] = new Circuit();

    public CircuitPermit Acquire(CircuitKey key, DateTime now)
    {
        var c = Of(key);
        if (c.Forced)
        {
            return CircuitPermit.Refused(now + settings.Recovery);
        }

        if (c.State == CircuitState.Closed)
        {
            return CircuitPermit.Closed;
        }

        if (c.State == CircuitState.Open && now < c.ProbeAt)
        {
            return CircuitPermit.Refused(c.ProbeAt.Value);
        }

        if (c.State == CircuitState.HalfOpen && now < c.ProbeExpires)
        {
            var retry = now + settings.HalfOpenRetry;
            return CircuitPermit.Refused(retry < c.ProbeExpires.Value ? retry : c.ProbeExpires.Value);
        }

        c.State = CircuitState.HalfOpen;
        c.ProbeExpires = now + settings.ProbeTimeout;
        return CircuitPermit.Probe;
    }

    public void Success(CircuitKey key)
    {
        var c = Of(key);
        if (c.Forced || c.State == CircuitState.Open)
        {
            return;
        }

        _circuits[key] = new Circuit();
    }

    public void Failure(CircuitKey key, DateTime now)
    {
        var c = Of(key);
        if (c.Forced)
        {
            return;
        }

        c.Failures++;
        if (c.State == CircuitState.HalfOpen || (c.State == CircuitState.Closed && c.Failures >= settings.Threshold))
        {
            c.State = CircuitState.Open;
            c.OpenedAt = now;
            c.ProbeAt = now + settings.Recovery;
            c.ProbeExpires = null;
        }
    }

    public void ForceOpen(CircuitKey key, DateTime now)
    {
        var c = Of(key);
        if (c.State != CircuitState.Open)
        {
            c.OpenedAt = now;
        }

        c.State = CircuitState.Open;
        c.Forced = true;
        c.ProbeAt = null;
        c.ProbeExpires = null;
    }

    public void Reset(CircuitKey key) => _circuits[key] = new Circuit();

    /// <summary>What the list should show for the key; a circuit never touched shows as closed.</summary>
    public Observed Expected(CircuitKey key)
    {
        var c = Of(key);
        var nextProbe = c.State switch
        {
            CircuitState.Open when !c.Forced => c.ProbeAt,
            CircuitState.HalfOpen => c.ProbeExpires,
            _ => null
        };
        return new Observed(c.State, c.Failures, c.State == CircuitState.Closed ? null : c.OpenedAt, nextProbe, c.Forced);
    }

    public static Observed ObservedIn(IReadOnlyList<CircuitSnapshot> circuits, CircuitKey key) =>
        circuits.SingleOrDefault(c => c.Key == key) is { } s
            ? new Observed(s.State, s.ConsecutiveFailures, s.OpenedAt, s.NextProbeAt, s.ForcedOpen)
            : new Observed(CircuitState.Closed, 0, null, null, false);

    public sealed record Observed(CircuitState State, int Failures, DateTime? OpenedAt, DateTime? NextProbeAt, bool Forced);
}
