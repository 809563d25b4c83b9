namespace Messaging.CircuitBreaking;

/// <summary>One circuit: the calls of one tenant to one provider.</summary>
public readonly record struct CircuitKey(string Provider, Guid TenantId)
{
    public override string ToString() => $"{Provider}:{TenantId:N}";
}

/// <summary>
/// Whether a call may go ahead. <see cref="IsProbe"/> marks the single trial call of a half-open circuit; when refused,
/// <see cref="RetryAt"/> says when the circuit will let a probe through.
/// </summary>
public readonly record struct CircuitPermit(bool Allowed, bool IsProbe, DateTime? RetryAt)
{
    public static CircuitPermit Closed => new(true, false, null);

    public static CircuitPermit Probe => new(true, true, null);

    public static CircuitPermit Refused(DateTime retryAt) => new(false, false, retryAt);
}

public sealed record CircuitSnapshot(
    CircuitKey Key,
    CircuitState State,
    int ConsecutiveFailures,
    DateTime? OpenedAt,
    DateTime? NextProbeAt,
    bool ForcedOpen);

/// <summary>
/// Circuit breakers whose state every instance shares (Redis when configured, in-process otherwise), so that all workers
/// stop calling a failing provider together and one half-open probe decides for all of them.
/// </summary>
public interface ICircuitBreaker
{
    ValueTask<CircuitPermit> AcquireAsync(CircuitKey key, CancellationToken cancellationToken = default);

    /// <summary>The call worked (or failed for reasons of the message, not the provider): closes a half-open circuit.</summary>
    ValueTask RecordSuccessAsync(CircuitKey key, CancellationToken cancellationToken = default);

    /// <summary>The provider failed (timeout, 5xx, unreachable after retries): may open the circuit.</summary>
    ValueTask RecordFailureAsync(CircuitKey key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CircuitSnapshot>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens the circuit until <see cref="ResetAsync"/>, whatever the calls do: for maintenance windows.</summary>
    Task<CircuitSnapshot> ForceOpenAsync(CircuitKey key, CancellationToken cancellationToken = default);

    Task<CircuitSnapshot> ResetAsync(CircuitKey key, CancellationToken cancellationToken = default);
}
