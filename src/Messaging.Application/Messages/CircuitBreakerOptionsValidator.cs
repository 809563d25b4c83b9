using Microsoft.Extensions.Options;

namespace Messaging.Messages;

public sealed class CircuitBreakerOptionsValidator : IValidateOptions<HighThroughputOptions>
{
    private const string Section = "HighThroughput:CircuitBreaker:";

    public ValidateOptionsResult Validate(string? name, HighThroughputOptions options)
    {
        var failures = new List<string>();
        var circuit = options.CircuitBreaker;
        if (circuit.FailureThreshold is < 1 or > 1_000)
        {
            failures.Add(Section + "FailureThreshold must be between 1 and 1000.");
        }

        if (circuit.TimeoutDuration < TimeSpan.FromMilliseconds(10) || circuit.TimeoutDuration > TimeSpan.FromMinutes(10))
        {
            failures.Add(Section + "TimeoutDuration must be between 10 milliseconds and 10 minutes.");
        }

        if (circuit.RecoveryTimeout < TimeSpan.FromMilliseconds(100) || circuit.RecoveryTimeout > TimeSpan.FromDays(1))
        {
            failures.Add(Section + "RecoveryTimeout must be between 100 milliseconds and one day.");
        }

        if (circuit.RetryAttempts is < 0 or > 10)
        {
            failures.Add(Section + "RetryAttempts must be between 0 and 10.");
        }

        if (circuit.RetryBaseDelay < TimeSpan.Zero || circuit.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add(Section + "RetryBaseDelay must be between 0 and 1 minute.");
        }

        if (circuit.RetryMaxDelay < circuit.RetryBaseDelay || circuit.RetryMaxDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add(Section + "RetryMaxDelay must be between RetryBaseDelay and 5 minutes.");
        }

        // A probe still running when its lease ends would let a second probe through; a whole call must fit in it.
        var longestCall = circuit.TimeoutDuration * (circuit.RetryAttempts + 1) + circuit.RetryMaxDelay * circuit.RetryAttempts;
        if (circuit.ProbeTimeout < longestCall || circuit.ProbeTimeout > TimeSpan.FromDays(1))
        {
            failures.Add(Section + $"ProbeTimeout must be at least the longest call, TimeoutDuration x (RetryAttempts + 1) + " +
                $"RetryMaxDelay x RetryAttempts (now {longestCall}), and at most one day.");
        }

        if (circuit.HalfOpenRetryInterval < TimeSpan.FromMilliseconds(10) || circuit.HalfOpenRetryInterval > circuit.ProbeTimeout)
        {
            failures.Add(Section + "HalfOpenRetryInterval must be between 10 milliseconds and ProbeTimeout.");
        }

        // Also an expiry Redis is given in milliseconds: past 30 days it serves nothing and can overflow.
        if (circuit.IdleExpiry < TimeSpan.FromMinutes(1) || circuit.IdleExpiry > TimeSpan.FromDays(30))
        {
            failures.Add(Section + "IdleExpiry must be between one minute and 30 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
