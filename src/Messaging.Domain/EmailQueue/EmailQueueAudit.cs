namespace Messaging.EmailQueue;

public enum EmailQueueAuditChange
{
    Created,
    Updated,
    Deleted,
    SecretRotated,
    Replayed,
    Purged,
    Activated,
    Reset
}

/// <summary>What an audit entry is about; each admin view lists its own subjects.</summary>
public static class EmailQueueAuditSubjects
{
    public const string Rule = "rule";
    public const string Worker = "worker";
    public const string DeadLetters = "dead-letters";
    public const string Template = "template";
}

/// <summary>
/// One change an admin made to the tenant's email queue: a rule or worker created, changed or deleted, dead letters
/// replayed or purged. Who, when, what (as JSON, never a secret) and, for changes of many, how many.
/// </summary>
public sealed class EmailQueueAudit
{
    private EmailQueueAudit()
    {
    }

    public EmailQueueAudit(Guid id, Guid tenantId, string subject, Guid? subjectId, EmailQueueAuditChange change, Guid? changedBy,
        string? changedByName, string? state, int? count, DateTime at)
    {
        Id = id;
        TenantId = tenantId;
        Subject = subject;
        SubjectId = subjectId;
        Change = change;
        ChangedBy = changedBy;
        ChangedByName = changedByName;
        State = state;
        Count = count;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>One of <see cref="EmailQueueAuditSubjects"/>.</summary>
    public string Subject { get; private set; } = "";

    /// <summary>The rule, worker or email event changed; null for a change of many dead letters.</summary>
    public Guid? SubjectId { get; private set; }

    public EmailQueueAuditChange Change { get; private set; }

    public Guid? ChangedBy { get; private set; }

    public string? ChangedByName { get; private set; }

    /// <summary>A rule or worker after the change, or what a dead-letter operation was asked (filter, ids, rate, corrections), as JSON; null after a deletion.</summary>
    public string? State { get; private set; }

    /// <summary>How many dead letters a replay or purge changed.</summary>
    public int? Count { get; private set; }

    public DateTime At { get; private set; }
}
