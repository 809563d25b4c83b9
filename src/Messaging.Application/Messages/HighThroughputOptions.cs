using Messaging.CircuitBreaking;
using Messaging.FlowControl;
using Messaging.RateLimiting;

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
    /// <summary>At this many buffered messages every send is refused with 503.</summary>
    public int Capacity { get; set; } = 50_000;

    /// <summary>From this many buffered messages Low and Normal priority sends get 429; High and Critical still get in.</summary>
    public int BackpressureThreshold { get; set; } = 40_000;

    /// <summary>The most messages one transaction writes.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>
    /// How long a batch may wait to fill, counted from when its oldest message arrived. Under load the
    /// buffered messages have already waited through the previous commit, so the writer commits at once.
    /// </summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>What a refused caller is told to wait before trying again.</summary>
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
    /// <summary>How long an idempotency key is remembered; afterwards it may be used for a new message.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>How workers hand queued messages to providers.</summary>
public sealed class DispatchOptions
{
    /// <summary>The most messages one dispatcher claims at a time.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How many sends of a batch run at once.</summary>
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>
    /// How many of those one tenant's provider may hold: a tenant whose endpoint answers slowly keeps at most this many
    /// slots, the others keep sending.
    /// </summary>
    public int MaxConcurrentSendsPerTenantProvider { get; set; } = 16;

    /// <summary>How long a dispatcher waits for new work when the queue is empty; a commit wakes it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claim holds; a dispatcher that dies mid-send leaves its messages to others after this. A live
    /// dispatcher renews it every third of this while its calls run. It must cover one whole provider call with its
    /// retries (see DispatchOptionsValidator).
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Each priority level's head start over the level below (see DispatchOrder).</summary>
    public TimeSpan AgingStep { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Provider calls for one message before it fails; throttled and circuit-open waits do not count.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First wait after a transient failure; it doubles with each attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a message with no provider configured for its channel is looked at again.</summary>
    public TimeSpan UnroutableRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
