namespace Messaging.EmailQueue.Inbound;

/// <summary>Inbound email webhooks: <c>EmailQueue:Inbound</c> in the configuration.</summary>
public sealed class InboundEmailOptions
{
    public const string SectionName = "EmailQueue:Inbound";

    /// <summary><c>Batched</c> (phase 2 after the answer) or <c>Direct</c> (all of it before the answer, for comparison).</summary>
    public InboundPhase2Mode Phase2Mode { get; set; } = InboundPhase2Mode.Batched;

    /// <summary>How far a <c>webhook-timestamp</c> may be from our clock.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RegexMatchTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan RuleCacheTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Workers whose rules the cache holds; the least recently used is evicted above this.</summary>
    public int RuleCacheMaxEntries { get; set; } = 10_000;

    /// <summary>Tasks held for phase 2; above this the oldest email's tasks are dropped (and found again by the recovery).</summary>
    public int MaxQueueSize { get; set; } = 60_000;

    /// <summary>A flush starts when this many tasks wait, or every <see cref="FlushInterval"/>.</summary>
    public int BatchSize { get; set; } = 600;

    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries of one batch while the database fails, with exponential backoff between them.</summary>
    public int MaxBatchAttempts { get; set; } = 5;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An email still unprocessed this long after its answer (dropped, failed, or its instance died) is processed by the recovery.</summary>
    public TimeSpan RecoverAfter { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxRecoveryAttempts { get; set; } = 10;

    /// <summary>A subject seen more than this many times within <see cref="DynamicRuleWindow"/> gets a dynamic rule.</summary>
    public int DynamicRuleThreshold { get; set; } = 50;

    public TimeSpan DynamicRuleWindow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan DynamicRuleLifetime { get; set; } = TimeSpan.FromHours(24);

    public InboundEmailAction DynamicRuleAction { get; set; } = InboundEmailAction.Delete;

    /// <summary>Answered emails are deleted this long after they were received (once processed).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public bool IsValid => SignatureTolerance > TimeSpan.Zero && RegexMatchTimeout > TimeSpan.Zero && RuleCacheTtl > TimeSpan.Zero
        && RuleCacheMaxEntries >= 1 && MaxQueueSize >= 1 && BatchSize >= 1 && FlushInterval > TimeSpan.Zero && MaxBatchAttempts >= 1
        && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay && RecoverAfter > TimeSpan.Zero && MaxRecoveryAttempts >= 1
        && DynamicRuleThreshold >= 1 && DynamicRuleWindow > TimeSpan.Zero && DynamicRuleLifetime > TimeSpan.Zero && Retention > TimeSpan.Zero;
}
