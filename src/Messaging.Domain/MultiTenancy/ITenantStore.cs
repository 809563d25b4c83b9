using Messaging.RateLimiting;

namespace Messaging.MultiTenancy;

/// <summary>What shared mechanisms and other modules may know of a tenant, without depending on the module that manages tenants.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The tenant people name when they sign in.</summary>
    Task<TenantInfo?> FindByNameAsync(string name, CancellationToken cancellationToken = default);
}

/// <param name="RateLimitOverride">The host admin's limits for this tenant, over its tier's.</param>
public sealed record TenantInfo(Guid Id, string Name, TenantTier Tier, bool IsActive, TenantRateLimitOverride? RateLimitOverride = null);
