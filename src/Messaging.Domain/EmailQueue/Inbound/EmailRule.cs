namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// A tenant's rule for inbound email: it matches one field by a pattern and, for filter and dynamic rules, decides the
/// answer. Rules of a tenant are evaluated by <see cref="Order"/>; a rule without a worker applies to every worker of its
/// tenant. The counters are written by phase 2 only.
/// </summary>
public sealed class EmailRule
{
    private EmailRule()
    {
    }

    public EmailRule(Guid id, Guid tenantId, EmailRuleKind kind, DateTime now)
    {
        Id = id;
        TenantId = tenantId;
        Kind = kind;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid? WorkerId { get; private set; }

    public EmailRuleKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public EmailRuleField Field { get; private set; }

    public string? HeaderName { get; private set; }

    public EmailRuleMatchType MatchType { get; private set; }

    public string Pattern { get; private set; } = "";

    public InboundEmailAction Action { get; private set; }

    public string? Target { get; private set; }

    public int Order { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>A watch rule raises an alert when its hits reach this many; null for none.</summary>
    public long? AlertThreshold { get; private set; }

    /// <summary>Dynamic rules end here; others never.</summary>
    public DateTime? ExpiresAt { get; private set; }

    public long ProcessedCount { get; private set; }

    public long DeletedCount { get; private set; }

    public long HitCount { get; private set; }

    public DateTime? LastHitAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Change(EmailRuleDefinition definition, DateTime now)
    {
        WorkerId = definition.WorkerId;
        Name = definition.Name;
        Field = definition.Field;
        HeaderName = definition.Field == EmailRuleField.Header ? definition.HeaderName : null;
        MatchType = definition.MatchType;
        Pattern = definition.Pattern;
        Action = definition.Action;
        Target = definition.Target;
        Order = definition.Order;
        Enabled = definition.Enabled;
        AlertThreshold = Kind == EmailRuleKind.Watch ? definition.AlertThreshold : null;
        ExpiresAt = Kind == EmailRuleKind.Dynamic ? definition.ExpiresAt : null;
        UpdatedAt = now;
    }

    public bool IsActive(DateTime now) => Enabled && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>What a rule's owner sets; validated by the application before it reaches a rule.</summary>
public sealed record EmailRuleDefinition(
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
    DateTime? ExpiresAt);
