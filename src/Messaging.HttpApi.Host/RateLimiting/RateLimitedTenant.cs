namespace Messaging.RateLimiting;

/// <summary>
/// Set on the request by whatever authenticated it as a tenant: whom <see cref="TenantRateLimitMiddleware"/> limits, by
/// which tier and override. Requests without it (anonymous, host admin) are not limited per tenant.
/// </summary>
public sealed record RateLimitedTenant(Guid TenantId, Messaging.MultiTenancy.TenantTier Tier, TenantRateLimitOverride? Override);
