namespace Messaging.CircuitBreaking;

/// <param name="NextProbeAt">When an open circuit lets its next probe through, or when a half-open circuit's probe expires.</param>
/// <param name="ForcedOpen">Opened by the host admin; stays open until reset.</param>
public sealed record CircuitDto(
    string Provider,
    Guid TenantId,
    CircuitState State,
    int ConsecutiveFailures,
    DateTime? OpenedAt,
    DateTime? NextProbeAt,
    bool ForcedOpen);
