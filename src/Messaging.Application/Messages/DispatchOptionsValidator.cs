using Microsoft.Extensions.Options;

namespace Messaging.Messages;

/// <summary>
/// Every dispatch setting, checked at start and on every runtime change: a batch of 0 would stop dispatch silently, 0
/// send slots would fail rounds after their messages were recorded as Sending, and a claim shorter than one provider
/// call would let a second dispatcher send a message whose first call is still running.
/// </summary>
public sealed class DispatchOptionsValidator : IValidateOptions<HighThroughputOptions>
{
    private const string Section = "HighThroughput:Dispatch:";

    public ValidateOptionsResult Validate(string? name, HighThroughputOptions options)
    {
        var failures = new List<string>();
        var dispatch = options.Dispatch;
        Require(failures, dispatch.BatchSize is >= 1 and <= 10_000, "BatchSize must be between 1 and 10000.");
        Require(failures, dispatch.MaxConcurrentSends is >= 1 and <= 1_000, "MaxConcurrentSends must be between 1 and 1000.");
        Require(failures, dispatch.MaxConcurrentSendsPerTenantProvider >= 1 && dispatch.MaxConcurrentSendsPerTenantProvider <= dispatch.MaxConcurrentSends,
            "MaxConcurrentSendsPerTenantProvider must be between 1 and MaxConcurrentSends.");
        Require(failures, dispatch.PollInterval >= TimeSpan.FromMilliseconds(10) && dispatch.PollInterval <= TimeSpan.FromMinutes(1),
            "PollInterval must be between 10 milliseconds and one minute.");
        Require(failures, dispatch.AgingStep >= TimeSpan.Zero && dispatch.AgingStep <= TimeSpan.FromDays(1), "AgingStep must be between 0 and one day.");
        Require(failures, dispatch.MaxAttempts is >= 1 and <= 100, "MaxAttempts must be between 1 and 100.");
        Require(failures, dispatch.RetryBaseDelay >= TimeSpan.FromMilliseconds(1) && dispatch.RetryBaseDelay <= dispatch.RetryMaxDelay,
            "RetryBaseDelay must be between 1 millisecond and RetryMaxDelay.");
        Require(failures, dispatch.RetryMaxDelay <= TimeSpan.FromDays(1), "RetryMaxDelay must be at most one day.");
        Require(failures, dispatch.UnroutableRetryDelay >= TimeSpan.FromMilliseconds(100) && dispatch.UnroutableRetryDelay <= TimeSpan.FromDays(1),
            "UnroutableRetryDelay must be between 100 milliseconds and one day.");

        // The claim is renewed while calls run, but a renewal can fail: one whole call must still fit in one lease.
        var circuit = options.CircuitBreaker;
        var longestCall = circuit.TimeoutDuration * (circuit.RetryAttempts + 1) + circuit.RetryMaxDelay * circuit.RetryAttempts;
        Require(failures, dispatch.ClaimTimeout >= longestCall && dispatch.ClaimTimeout >= TimeSpan.FromSeconds(1) && dispatch.ClaimTimeout <= TimeSpan.FromDays(1),
            "ClaimTimeout must be at least one second and the longest provider call, HighThroughput:CircuitBreaker:TimeoutDuration x " +
            $"(RetryAttempts + 1) + RetryMaxDelay x RetryAttempts (now {longestCall}), and at most one day.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool holds, string failure)
    {
        if (!holds)
        {
            failures.Add(Section + failure);
        }
    }
}
