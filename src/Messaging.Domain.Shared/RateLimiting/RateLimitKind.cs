namespace Messaging.RateLimiting;

/// <summary>Which of a tenant's limits refused a request.</summary>
public enum RateLimitKind
{
    /// <summary>The requests admitted within the sliding window (<c>RequestsPerMinute</c> per <c>WindowSize</c>).</summary>
    Window,

    /// <summary>The requests admitted within the last second (<c>BurstLimit</c>).</summary>
    Burst,

    /// <summary>The requests of the tenant being answered at the same time (<c>ConcurrentRequests</c>).</summary>
    Concurrency
}
