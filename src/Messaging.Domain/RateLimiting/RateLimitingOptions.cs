using Messaging.MultiTenancy;

namespace Messaging.RateLimiting;

/// <summary>Per-tier request limits of the API, bound from <c>HighThroughput:RateLimiting</c>; read on every decision.</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Off, no tenant request is limited and no RateLimit headers are sent.</summary>
    public bool Enabled { get; set; } = true;

    public TierLimitsOptions TierLimits { get; set; } = new();

    /// <summary>The sliding window in which at most <see cref="TierLimitOptions.RequestsPerMinute"/> requests are admitted.</summary>
    public TimeSpan WindowSize { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Share one limit between all instances through Redis (when <c>Redis:Configuration</c> is set). Off, or while
    /// Redis is unreachable, each instance enforces the limits on its own.
    /// </summary>
    public bool EnableDistributedLimiting { get; set; } = true;

    /// <summary>The longest a request holds a concurrency slot in Redis, so an instance that crashed cannot keep its slots.</summary>
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
    /// <summary>Requests admitted per window (<see cref="RateLimitingOptions.WindowSize"/>, one minute unless changed).</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Requests admitted within any one second.</summary>
    public int BurstLimit { get; set; }

    /// <summary>Requests of the tenant answered at the same time.</summary>
    public int ConcurrentRequests { get; set; }
}
