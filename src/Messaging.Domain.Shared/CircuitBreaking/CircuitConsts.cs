namespace Messaging.CircuitBreaking;

public static class CircuitConsts
{
    /// <summary>The longest name of what a circuit guards (a provider, an SMTP server): it is part of the circuit's key.</summary>
    public const int MaxNameLength = 32;
}
