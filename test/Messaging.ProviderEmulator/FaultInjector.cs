namespace Messaging.ProviderEmulator;

/// <summary>A failure the emulator answers instead of the provider's success: a status with the provider's error code.</summary>
public sealed record InjectedFailure(int Status, string? ErrorCode, string? ErrorMessage);

/// <summary>
/// What the emulator is told to do wrong, per provider or for all of them (provider null): fail with a status, throttle
/// with Retry-After (for every request or the next K), and answer late. A provider's own rule wins over the global one.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Rule> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Rule> _throttles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);

    private const string AllProviders = "*";

    public void Fail(string? provider, int status, int? count = null, string? errorCode = null, string? errorMessage = null)
    {
        lock (_lock)
        {
            _failures[provider ?? AllProviders] = new Rule(new InjectedFailure(status, errorCode, errorMessage), TimeSpan.Zero, count);
        }
    }

    public void Throttle(string? provider, TimeSpan retryAfter, int? count = null)
    {
        lock (_lock)
        {
            _throttles[provider ?? AllProviders] = new Rule(null, retryAfter, count);
        }
    }

    public void Delay(string? provider, TimeSpan delay)
    {
        lock (_lock)
        {
            _delays[provider ?? AllProviders] = delay;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _failures.Clear();
            _throttles.Clear();
            _delays.Clear();
        }
    }

    public TimeSpan DelayFor(string provider)
    {
        lock (_lock)
        {
            return _delays.GetValueOrDefault(provider, _delays.GetValueOrDefault(AllProviders));
        }
    }

    /// <summary>The throttle to answer with now, if any; each answer uses up one of a counted rule's requests.</summary>
    public TimeSpan? TakeThrottle(string provider)
    {
        lock (_lock)
        {
            return Take(_throttles, provider)?.RetryAfter;
        }
    }

    public InjectedFailure? TakeFailure(string provider)
    {
        lock (_lock)
        {
            return Take(_failures, provider)?.Failure;
        }
    }

    private static Rule? Take(Dictionary<string, Rule> rules, string provider)
    {
        var key = rules.ContainsKey(provider) ? provider : AllProviders;
        if (!rules.TryGetValue(key, out var rule))
        {
            return null;
        }

        if (rule.Remaining is { } remaining)
        {
            if (remaining <= 1)
            {
                rules.Remove(key);
            }
            else
            {
                rules[key] = rule with { Remaining = remaining - 1 };
            }
        }

        return rule;
    }

    private sealed record Rule(InjectedFailure? Failure, TimeSpan RetryAfter, int? Remaining);
}
