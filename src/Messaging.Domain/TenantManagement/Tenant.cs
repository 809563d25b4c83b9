using Messaging.MultiTenancy;
using Messaging.RateLimiting;

namespace Messaging.TenantManagement;

public sealed class Tenant
{
    private Tenant()
    {
        Name = null!;
    }

    public Tenant(Guid id, string name, TenantTier tier, DateTime createdAt)
    {
        Id = id;
        Name = name;
        Tier = tier;
        IsActive = true;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public TenantTier Tier { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public int? RateLimitRequestsPerMinute { get; private set; }
    public int? RateLimitBurstLimit { get; private set; }
    public int? RateLimitConcurrentRequests { get; private set; }

    /// <summary>The host admin's override of the tier's limits, or null when the tier's apply.</summary>
    public TenantRateLimitOverride? RateLimitOverride
    {
        get
        {
            var limits = new TenantRateLimitOverride(RateLimitRequestsPerMinute, RateLimitBurstLimit, RateLimitConcurrentRequests);
            return limits.IsEmpty ? null : limits;
        }
    }

    public void Rename(string name) => Name = name;

    public void ChangeTier(TenantTier tier) => Tier = tier;

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;

    public void OverrideRateLimits(TenantRateLimitOverride limits)
    {
        if (limits.IsEmpty || limits.RequestsPerMinute < 1 || limits.BurstLimit < 1 || limits.ConcurrentRequests < 1)
        {
            throw new ArgumentException("An override sets at least one limit, and each limit it sets is at least 1.", nameof(limits));
        }

        RateLimitRequestsPerMinute = limits.RequestsPerMinute;
        RateLimitBurstLimit = limits.BurstLimit;
        RateLimitConcurrentRequests = limits.ConcurrentRequests;
    }

    public void ClearRateLimitOverride()
    {
        RateLimitRequestsPerMinute = null;
        RateLimitBurstLimit = null;
        RateLimitConcurrentRequests = null;
    }
}
