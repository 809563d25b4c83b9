using Microsoft.Extensions.Options;

namespace Messaging.Messages;

public sealed class HighThroughputOptionsValidator : IValidateOptions<HighThroughputOptions>
{
    public ValidateOptionsResult Validate(string? name, HighThroughputOptions options)
    {
        var failures = new List<string>();
        var buffer = options.Buffer;
        if (buffer.Capacity < 1)
        {
            failures.Add("HighThroughput:Buffer:Capacity must be at least 1.");
        }

        if (buffer.BackpressureThreshold < 1 || buffer.BackpressureThreshold > buffer.Capacity)
        {
            failures.Add("HighThroughput:Buffer:BackpressureThreshold must be between 1 and Capacity.");
        }

        if (buffer.BatchSize < 1)
        {
            failures.Add("HighThroughput:Buffer:BatchSize must be at least 1.");
        }

        if (buffer.BatchTimeout < TimeSpan.Zero || buffer.BatchTimeout > TimeSpan.FromSeconds(10))
        {
            failures.Add("HighThroughput:Buffer:BatchTimeout must be between 0 and 10 seconds.");
        }

        if (buffer.RetryAfter < TimeSpan.FromSeconds(1))
        {
            failures.Add("HighThroughput:Buffer:RetryAfter must be at least one second (Retry-After counts whole seconds).");
        }

        if (options.Idempotency.Retention < TimeSpan.FromMinutes(1))
        {
            failures.Add("HighThroughput:Idempotency:Retention must be at least one minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
