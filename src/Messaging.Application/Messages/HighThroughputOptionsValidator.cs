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

        ValidateMemory(options.Memory, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateMemory(MemoryFlowControlOptions memory, List<string> failures)
    {
        if (memory.LimitBytes < 0)
        {
            failures.Add("HighThroughput:Memory:LimitBytes must be 0 (the memory the runtime reports as available) or more.");
        }

        if (!(memory.ShedAtPercent > 0 && memory.ShedAtPercent <= 100))
        {
            failures.Add("HighThroughput:Memory:ShedAtPercent must be above 0 and at most 100.");
        }

        if (!(memory.ResumeAtPercent > 0 && memory.ResumeAtPercent < memory.ShedAtPercent))
        {
            failures.Add("HighThroughput:Memory:ResumeAtPercent must be above 0 and below ShedAtPercent.");
        }

        if (memory.SampleInterval < TimeSpan.FromMilliseconds(100) || memory.SampleInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("HighThroughput:Memory:SampleInterval must be between 100 milliseconds and one minute.");
        }

        if (memory.RetryAfter < TimeSpan.FromSeconds(1))
        {
            failures.Add("HighThroughput:Memory:RetryAfter must be at least one second (Retry-After counts whole seconds).");
        }
    }
}
