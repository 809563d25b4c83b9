using Messaging.MultiTenancy;

namespace Messaging.RateLimiting;

/// <summary>Read on every decision, so a change applies to the next request.</summary>
public sealed class RateLimitingOptions
{
    public bool Enabled { get; set; } = true;

    public TierLimitsOptions TierLimits { get; set; } = new();

    public TimeSpan WindowSize { get; set; } = TimeSpan.FromMinutes(1);

    public bool EnableDistributedLimiting { get; set; } = true;

    // So an instance that crashed cannot keep its slots.
    public TimeSpan ConcurrencyLeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class TierLimitsOptions
{
    public TierLimitOptions Basic { get; set; } = new() { RequestsPerMinute = 100, BurstLimit = 20, ConcurrentRequests = 10 };

    public TierLimitOptions Premium { get; set; } = new() { RequestsPerMinute = 1_000, BurstLimit = 200, ConcurrentRequests = 100 };

    public TierLimitOptions Enterprise { get; set; } = new() { RequestsPerMinute = 10_000, BurstLimit = 2_000, ConcurrentRequests = 1_000 };

    public TierLimitOptions For(TenantTier tier) => tier switch
    {
        TenantTier.Premium => Premium,
        TenantTier.Enterprise => Enterprise,
        _ => Basic
    };
}

public sealed class TierLimitOptions
{
    // Per window (RateLimitingOptions.WindowSize): the name is the seed's, from when the window was always a minute.
    public int RequestsPerMinute { get; set; }

    public int BurstLimit { get; set; }

    public int ConcurrentRequests { get; set; }
}
