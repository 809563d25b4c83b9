using Messaging.FlowControl;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

public sealed class HighThroughputOptionsValidator : IValidateOptions<HighThroughputOptions>
{
    // Upper bounds keep a stored settings version from breaking the host: a wait or a retention that overflows the
    // date arithmetic and headers built from it, a buffer or batch no database transaction or memory budget can hold.
    private const int MaxBufferCapacity = 10_000_000;
    private const int MaxBatchSize = 100_000;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxIdempotencyRetention = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, HighThroughputOptions options)
    {
        var failures = new List<string>();
        var buffer = options.Buffer;
        if (buffer.Capacity is < 1 or > MaxBufferCapacity)
        {
            failures.Add($"HighThroughput:Buffer:Capacity must be between 1 and {MaxBufferCapacity}.");
        }

        if (buffer.BackpressureThreshold < 1 || buffer.BackpressureThreshold > buffer.Capacity)
        {
            failures.Add("HighThroughput:Buffer:BackpressureThreshold must be between 1 and Capacity.");
        }

        if (buffer.BatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add($"HighThroughput:Buffer:BatchSize must be between 1 and {MaxBatchSize}.");
        }

        if (buffer.BatchTimeout < TimeSpan.Zero || buffer.BatchTimeout > TimeSpan.FromSeconds(10))
        {
            failures.Add("HighThroughput:Buffer:BatchTimeout must be between 0 and 10 seconds.");
        }

        if (buffer.RetryAfter < TimeSpan.FromSeconds(1) || buffer.RetryAfter > MaxRetryAfter)
        {
            failures.Add("HighThroughput:Buffer:RetryAfter must be between one second (Retry-After counts whole seconds) and one hour.");
        }

        if (options.Idempotency.Retention < TimeSpan.FromMinutes(1) || options.Idempotency.Retention > MaxIdempotencyRetention)
        {
            failures.Add("HighThroughput:Idempotency:Retention must be between one minute and 365 days.");
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

        if (memory.RetryAfter < TimeSpan.FromSeconds(1) || memory.RetryAfter > MaxRetryAfter)
        {
            failures.Add("HighThroughput:Memory:RetryAfter must be between one second (Retry-After counts whole seconds) and one hour.");
        }
    }
}
