namespace Messaging.EmailQueue.Inbound;

public enum EmailRuleAuditChange
{
    Created,
    Updated,
    Deleted,
    SecretRotated
}

/// <summary>One change of a tenant's rules or workers: who, when, what, and the state after it (without secrets).</summary>
public sealed class EmailRuleAudit
{
    private EmailRuleAudit()
    {
    }

    public EmailRuleAudit(Guid id, Guid tenantId, string subject, Guid subjectId, EmailRuleAuditChange change, Guid? changedBy,
        string? changedByName, string? state, DateTime at)
    {
        Id = id;
        TenantId = tenantId;
        Subject = subject;
        SubjectId = subjectId;
        Change = change;
        ChangedBy = changedBy;
        ChangedByName = changedByName;
        State = state;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary><c>rule</c> or <c>worker</c>.</summary>
    public string Subject { get; private set; } = "";

    public Guid SubjectId { get; private set; }

    public EmailRuleAuditChange Change { get; private set; }

    public Guid? ChangedBy { get; private set; }

    public string? ChangedByName { get; private set; }

    /// <summary>The rule or worker after the change, as JSON; null after a deletion.</summary>
    public string? State { get; private set; }

    public DateTime At { get; private set; }
}
