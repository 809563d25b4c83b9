namespace Messaging.CircuitBreaking;

/// <summary>Where a circuit breaker reports the state changes it made.</summary>
public interface ICircuitMetrics
{
    void Transitioned(CircuitKey key, CircuitState from, CircuitState to);
}
