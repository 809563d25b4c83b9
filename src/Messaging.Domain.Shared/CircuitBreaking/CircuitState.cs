namespace Messaging.CircuitBreaking;

/// <summary>In Domain.Shared so the HTTP contracts can show it.</summary>
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen
}
