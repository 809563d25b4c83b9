namespace Messaging.RateLimiting;

/// <summary>
/// The answer to one request. An admitted request holds one of the tenant's concurrency slots until the decision is
/// disposed; <see cref="Limit"/>, <see cref="Remaining"/> and <see cref="Reset"/> describe the window for admitted
/// requests, and the limit that was hit for refused ones.
/// </summary>
public sealed class RateLimitDecision : IAsyncDisposable
{
    private Func<ValueTask>? _release;

    private RateLimitDecision(RateLimitKind? exceeded, int limit, int remaining, TimeSpan reset, TimeSpan retryAfter, Func<ValueTask>? release)
    {
        Exceeded = exceeded;
        Limit = limit;
        Remaining = remaining;
        Reset = reset;
        RetryAfter = retryAfter;
        _release = release;
    }

    public bool IsAllowed => Exceeded is null;

    /// <summary>Which limit refused the request; null when it was admitted.</summary>
    public RateLimitKind? Exceeded { get; }

    public int Limit { get; }

    public int Remaining { get; }

    /// <summary>Until the oldest request counted in the window leaves it (admitted), or until the limit admits again (refused).</summary>
    public TimeSpan Reset { get; }

    /// <summary>How long a refused caller should wait; zero when admitted.</summary>
    public TimeSpan RetryAfter { get; }

    /// <param name="release">Gives the concurrency slot back; called once, when the decision is disposed.</param>
    public static RateLimitDecision Admitted(int limit, int remaining, TimeSpan reset, Func<ValueTask> release) =>
        new(null, limit, Math.Max(0, remaining), Positive(reset), TimeSpan.Zero, release);

    public static RateLimitDecision Refused(RateLimitKind exceeded, int limit, TimeSpan retryAfter) =>
        new(exceeded, limit, 0, Positive(retryAfter), Positive(retryAfter), null);

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _release, null) is { } release ? release() : ValueTask.CompletedTask;

    private static TimeSpan Positive(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
