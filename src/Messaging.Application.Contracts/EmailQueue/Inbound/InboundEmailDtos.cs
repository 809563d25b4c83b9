namespace Messaging.EmailQueue.Inbound;

/// <summary>A webhook request as received: the worker named in the route, the exact body bytes (signed) and the headers.</summary>
public sealed record InboundWebhookRequestDto(Guid WorkerId, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>What the email-routing worker does with the email: the action, the rule that decided (null: the worker's default) and its target.</summary>
public sealed record InboundDecisionDto(InboundEmailAction Action, Guid? RuleId, string? Target);

/// <summary>
/// Phase 1's answer; <see cref="AfterAnswer"/> hands phase 2 its work and is to be called once the answer is written
/// (null for a repeated <c>webhook-id</c>, or when phase 2 already ran before the answer).
/// </summary>
public sealed record InboundWebhookAnswer(InboundDecisionDto Decision, Action? AfterAnswer);

/// <summary>The email a worker asks about. <c>headers</c> are the ones rules may match (name to value).</summary>
public sealed record InboundWebhookEmailDto(string? From, string? To, string? Subject, Dictionary<string, string>? Headers);

public sealed record InboundWorkerDto(Guid Id, string Name, InboundEmailAction DefaultAction, string? DefaultTarget, bool Enabled, DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>A worker with its signing secret, shown once: at creation and when rotated.</summary>
public sealed record InboundWorkerSecretDto(InboundWorkerDto Worker, string Secret);

public sealed class SetInboundWorkerDto
{
    public string? Name { get; set; }

    /// <summary>The answer when no rule matches; <c>Forward</c> when left out.</summary>
    public InboundEmailAction? DefaultAction { get; set; }

    public string? DefaultTarget { get; set; }

    public bool? Enabled { get; set; }
}

/// <summary>
/// A filter or watch rule (dynamic rules are made by phase 2; they can be changed and deleted). <c>pattern</c> is matched
/// against <c>field</c> without case; for <c>Header</c>, <c>headerName</c> names the header.
/// </summary>
public sealed class SetEmailRuleDto
{
    /// <summary><c>Filter</c> when left out; ignored on update.</summary>
    public EmailRuleKind? Kind { get; set; }

    /// <summary>The worker it applies to; every worker of the tenant when left out.</summary>
    public Guid? WorkerId { get; set; }

    public string? Name { get; set; }

    public EmailRuleField? Field { get; set; }

    public string? HeaderName { get; set; }

    public EmailRuleMatchType? MatchType { get; set; }

    public string? Pattern { get; set; }

    /// <summary>Required for filter rules.</summary>
    public InboundEmailAction? Action { get; set; }

    public string? Target { get; set; }

    /// <summary>Lower first; 0 when left out.</summary>
    public int? Order { get; set; }

    public bool? Enabled { get; set; }

    /// <summary>Watch rules: an alert is raised when the hits reach this.</summary>
    public long? AlertThreshold { get; set; }
}

public sealed record EmailRuleDto(
    Guid Id,
    EmailRuleKind Kind,
    Guid? WorkerId,
    string Name,
    EmailRuleField Field,
    string? HeaderName,
    EmailRuleMatchType MatchType,
    string Pattern,
    InboundEmailAction Action,
    string? Target,
    int Order,
    bool Enabled,
    long? AlertThreshold,
    DateTime? ExpiresAt,
    long ProcessedCount,
    long DeletedCount,
    long HitCount,
    DateTime? LastHitAt,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed class GetEmailRulesInput
{
    public EmailRuleKind? Kind { get; set; }

    public Guid? WorkerId { get; set; }

    public int SkipCount { get; set; }

    public int MaxResultCount { get; set; } = 100;
}

public sealed class GetEmailRuleAuditInput
{
    public int SkipCount { get; set; }

    public int MaxResultCount { get; set; } = 50;
}

/// <param name="Subject"><c>rule</c> or <c>worker</c>.</param>
/// <param name="State">The rule or worker after the change, as JSON (never a secret); null after a deletion.</param>
public sealed record EmailRuleAuditDto(Guid Id, string Subject, Guid SubjectId, string Change, Guid? ChangedBy, string? ChangedByName, string? State, DateTime At);

/// <summary>The tenant's answered emails by action, as phase 2 counted them so far.</summary>
public sealed record InboundStatsDto(long Forwarded, long Deleted, long Dropped, long Tagged);

/// <summary>This instance's rule cache.</summary>
public sealed record RuleCacheStatsDto(int Entries, int MaxEntries, long Hits, long Misses, double HitRate, long Evictions, double TtlSeconds);

/// <summary>
/// This instance's phase-2 queue, counted in tasks (each email has six: stats, log, watch, dynamic, campaign, monitoring).
/// </summary>
public sealed record InboundQueueStatusDto(
    InboundPhase2Mode Mode,
    int Queued,
    bool Processing,
    long Processed,
    long Failed,
    long Dropped,
    DateTime? LastFlushAt,
    int LastBatchSize,
    double LastBatchMilliseconds);
