namespace Messaging.Attachment;

/// <summary>One line of a tenant's append-only attachment audit log: who did what to which attachment, when, and how it ended.</summary>
public sealed class AttachmentAuditEntry
{
    private AttachmentAuditEntry()
    {
    }

    public AttachmentAuditEntry(Guid tenantId, AttachmentAuditAction action, Guid? attachmentId, Guid? actorId, string? actorName,
        bool succeeded, string? detail, DateTime at)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Action = action;
        AttachmentId = attachmentId;
        ActorId = actorId;
        ActorName = actorName;
        Succeeded = succeeded;
        Detail = detail;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public AttachmentAuditAction Action { get; private set; }

    public Guid? AttachmentId { get; private set; }

    /// <summary>The API key or user; null for the system (a worker, the sweep).</summary>
    public Guid? ActorId { get; private set; }

    public string? ActorName { get; private set; }

    public bool Succeeded { get; private set; }

    public string? Detail { get; private set; }

    public DateTime At { get; private set; }
}
