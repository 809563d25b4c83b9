using Messaging.ExceptionHandling;

namespace Messaging.RateLimiting;

/// <summary>The tenant used up one of its limits; <see cref="RetryAfter"/> says when that limit admits again.</summary>
public sealed class RateLimitExceededException(RateLimitKind kind, int limit, TimeSpan retryAfter)
    : MessagingException(MessagingErrorCodes.RateLimitExceeded, Describe(kind, limit))
{
    public RateLimitKind Kind { get; } = kind;

    /// <summary>The limit that was hit, in requests (per window, per second, or at once).</summary>
    public int Limit { get; } = limit;

    public TimeSpan RetryAfter { get; } = retryAfter;

    private static string Describe(RateLimitKind kind, int limit) => kind switch
    {
        RateLimitKind.Window => $"The tenant's limit of {limit} requests per window is used up.",
        RateLimitKind.Burst => $"The tenant's burst limit of {limit} requests per second is used up.",
        _ => $"The tenant already has {limit} requests in progress, its limit."
    };
}
