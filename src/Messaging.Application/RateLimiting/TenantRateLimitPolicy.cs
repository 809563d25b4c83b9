using Messaging.MultiTenancy;
using Microsoft.Extensions.Options;

namespace Messaging.RateLimiting;

/// <summary>
/// The limits that hold for a tenant now: its tier's from the current settings (they can change at runtime), with the
/// host admin's override on top.
/// </summary>
public sealed class TenantRateLimitPolicy(IOptionsMonitor<RateLimitingOptions> options)
{
    public bool IsEnabled => options.CurrentValue.Enabled;

    public RateLimits For(TenantTier tier, TenantRateLimitOverride? custom)
    {
        var settings = options.CurrentValue;
        var tierLimits = settings.TierLimits.For(tier);
        return new RateLimits(
            custom?.RequestsPerMinute ?? tierLimits.RequestsPerMinute,
            settings.WindowSize,
            custom?.BurstLimit ?? tierLimits.BurstLimit,
            custom?.ConcurrentRequests ?? tierLimits.ConcurrentRequests,
            settings.ConcurrencyLeaseTimeout);
    }
}
