using Messaging.Messages;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Options;

namespace Messaging.RateLimiting;

public sealed class RateLimitingOptionsValidator : IValidateOptions<HighThroughputOptions>
{
    private const string Section = "HighThroughput:RateLimiting";

    public ValidateOptionsResult Validate(string? name, HighThroughputOptions options)
    {
        var failures = new List<string>();
        var rateLimiting = options.RateLimiting;
        if (rateLimiting.WindowSize < TimeSpan.FromSeconds(1) || rateLimiting.WindowSize > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:WindowSize must be between one second and one hour.");
        }

        if (rateLimiting.ConcurrencyLeaseTimeout < TimeSpan.FromSeconds(1) || rateLimiting.ConcurrencyLeaseTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:ConcurrencyLeaseTimeout must be between one second and one hour.");
        }

        foreach (var tier in Enum.GetValues<TenantTier>())
        {
            var limits = rateLimiting.TierLimits.For(tier);
            if (limits is null || limits.RequestsPerMinute < 1 || limits.BurstLimit < 1 || limits.ConcurrentRequests < 1)
            {
                failures.Add($"{Section}:TierLimits:{tier} needs RequestsPerMinute, BurstLimit and ConcurrentRequests of at least 1.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
