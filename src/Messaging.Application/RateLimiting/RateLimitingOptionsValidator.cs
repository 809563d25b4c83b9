using Messaging.MultiTenancy;
using Microsoft.Extensions.Options;

namespace Messaging.RateLimiting;

/// <summary>The rules of a rate-limiting section, for whichever settings document carries it.</summary>
public static class RateLimitingOptionsValidator
{
    /// <param name="section">The section's configuration path, which each failure names.</param>
    public static ValidateOptionsResult Validate(RateLimitingOptions rateLimiting, string section)
    {
        var failures = new List<string>();
        if (rateLimiting.WindowSize < TimeSpan.FromSeconds(1) || rateLimiting.WindowSize > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:WindowSize must be between one second and one hour.");
        }

        if (rateLimiting.ConcurrencyLeaseTimeout < TimeSpan.FromSeconds(1) || rateLimiting.ConcurrencyLeaseTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:ConcurrencyLeaseTimeout must be between one second and one hour.");
        }

        foreach (var tier in Enum.GetValues<TenantTier>())
        {
            var limits = rateLimiting.TierLimits.For(tier);
            if (limits is null || limits.RequestsPerMinute < 1 || limits.BurstLimit < 1 || limits.ConcurrentRequests < 1)
            {
                failures.Add($"{section}:TierLimits:{tier} needs RequestsPerMinute, BurstLimit and ConcurrentRequests of at least 1.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
