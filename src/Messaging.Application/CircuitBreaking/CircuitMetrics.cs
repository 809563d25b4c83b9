using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Messaging.CircuitBreaking;

/// <summary>
/// Circuit instruments, exported to Prometheus by the host. Labels are provider and state, never tenant, so the series
/// stay few however many tenants there are.
/// </summary>
public sealed class CircuitMetrics : ICircuitMetrics
{
    public const string MeterName = "Messaging.Circuits";

    private readonly Counter<long> _transitions;
    private readonly Channel<bool> _changed = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string> _providersSeen = new(StringComparer.Ordinal);
    private volatile Measurement<int>[] _byState = [];

    public CircuitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _transitions = meter.CreateCounter<long>("transitions", "{transition}",
            "Circuit state changes this instance made, by provider and from/to state.");
        meter.CreateObservableGauge("by_state", () => _byState, "{circuit}",
            "Circuits by provider and state, as last sampled; every instance reports the same shared circuits.");
    }

    public void Transitioned(CircuitKey key, CircuitState from, CircuitState to)
    {
        _transitions.Add(1,
            new KeyValuePair<string, object?>("provider", key.Provider),
            new KeyValuePair<string, object?>("from", from.ToString()),
            new KeyValuePair<string, object?>("to", to.ToString()));
        _changed.Writer.TryWrite(true);
    }

    /// <summary>Replaces the gauge's values; a provider seen before and without circuits now reports zeros, not nothing.</summary>
    public void Sampled(IReadOnlyList<CircuitSnapshot> circuits)
    {
        lock (_providersSeen)
        {
            foreach (var circuit in circuits)
            {
                _providersSeen.Add(circuit.Key.Provider);
            }

            _byState = _providersSeen
                .SelectMany(provider => Enum.GetValues<CircuitState>().Select(state => new Measurement<int>(
                    circuits.Count(c => c.Key.Provider == provider && c.State == state),
                    new KeyValuePair<string, object?>("provider", provider),
                    new KeyValuePair<string, object?>("state", state.ToString()))))
                .ToArray();
        }
    }

    /// <summary>Completes when a transition happened since the last wait, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForTransitionAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _changed.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
