using Messaging.CircuitBreaking;
using Messaging.FlowControl;
using Messaging.RateLimiting;
using Messaging.Settings;

namespace Messaging.Messages;

/// <summary>Settings of the hot path, bound from the <c>HighThroughput</c> configuration section.</summary>
public sealed class HighThroughputOptions
{
    public const string SectionName = "HighThroughput";

    public MessageBufferOptions Buffer { get; set; } = new();

    /// <summary>Chosen at start: changing how messages become durable under running requests is not safe.</summary>
    [RestartRequired]
    public IngestionOptions Ingestion { get; set; } = new();

    public IdempotencyOptions Idempotency { get; set; } = new();

    public DispatchOptions Dispatch { get; set; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    public RateLimitingOptions RateLimiting { get; set; } = new();

    public MemoryFlowControlOptions Memory { get; set; } = new();
}

public sealed class MessageBufferOptions
{
    public int Capacity { get; set; } = 50_000;

    public int BackpressureThreshold { get; set; } = 40_000;

    public int BatchSize { get; set; } = 1_000;

    // Counted from when the oldest message arrived: under load it has already waited through the previous commit,
    // so the writer commits at once.
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public AcknowledgementMode Acknowledgement { get; set; } = AcknowledgementMode.Durable;
}

public enum AcknowledgementMode
{
    /// <summary>Answer 202 only after the message's batch committed.</summary>
    Durable,

    /// <summary>Answer 202 as soon as the message is buffered; a crash can lose what the buffer held.</summary>
    Immediate
}

public sealed class IngestionOptions
{
    public IngestionMode Mode { get; set; } = IngestionMode.GroupCommit;
}

public enum IngestionMode
{
    /// <summary>Buffered, batched, one transaction per batch: the production path.</summary>
    GroupCommit,

    /// <summary>One SaveChanges per request, what a plain application service does: the benchmark baseline.</summary>
    Direct,

    /// <summary>Validates and answers without storing anything: only allowed in the Bench environment.</summary>
    NoOp
}

public sealed class IdempotencyOptions
{
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

public sealed class DispatchOptions
{
    public int BatchSize { get; set; } = 200;

    public int MaxConcurrentSends { get; set; } = 32;

    // A tenant whose endpoint answers slowly keeps at most this many of the send slots; the others keep sending.
    public int MaxConcurrentSendsPerTenantProvider { get; set; } = 16;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    // Renewed every third of it while calls run; it must cover one whole provider call with its retries (DispatchOptionsValidator).
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan AgingStep { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan UnroutableRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
