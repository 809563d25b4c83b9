namespace Messaging.RateLimiting;

/// <summary>Limits the host admin set for one tenant instead of its tier's; a null value keeps the tier's.</summary>
public sealed record TenantRateLimitOverride(int? RequestsPerMinute, int? BurstLimit, int? ConcurrentRequests)
{
    public bool IsEmpty => RequestsPerMinute is null && BurstLimit is null && ConcurrentRequests is null;
}
