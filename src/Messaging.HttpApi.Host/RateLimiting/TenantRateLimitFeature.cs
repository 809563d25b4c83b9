using Messaging.MultiTenancy;

namespace Messaging.RateLimiting;

/// <summary>
/// The rate limiting of one admitted tenant request, for the steps after the middleware: which limits hold, and the
/// decision whose window the answer's RateLimit headers describe (the item count's, once <see cref="ItemRateLimitFilter"/>
/// charged it).
/// </summary>
public sealed class TenantRateLimitFeature(Guid tenantId, TenantTier tier, RateLimits limits, RateLimitDecision decision)
{
    public Guid TenantId { get; } = tenantId;

    public TenantTier Tier { get; } = tier;

    public RateLimits Limits { get; } = limits;

    public RateLimitDecision Decision { get; set; } = decision;
}
