namespace Messaging.RateLimiting;

/// <summary>
/// Decides whether one request of a tenant may go ahead under the given limits, and counts it if so. Shared by all
/// instances through Redis when configured; in-process otherwise, and while Redis is unreachable.
/// </summary>
public interface ITenantRateLimiter
{
    ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts <paramref name="permits"/> admissions at once against the window and the burst, all or none (a request
    /// carrying that many messages), and takes a concurrency slot only with <paramref name="holdsSlot"/>. Zero permits
    /// with a slot admits a request whose size is not known yet. <paramref name="permits"/> may not exceed the burst or
    /// window limit: such a request could never be admitted, and the caller must say so rather than ask.
    /// </summary>
    ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, int permits, bool holdsSlot,
        CancellationToken cancellationToken = default);
}
