namespace Messaging.RateLimiting;

/// <summary>
/// Decides whether one request of a tenant may go ahead under the given limits, and counts it if so. Shared by all
/// instances through Redis when configured; in-process otherwise, and while Redis is unreachable.
/// </summary>
public interface ITenantRateLimiter
{
    ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, CancellationToken cancellationToken = default);
}
