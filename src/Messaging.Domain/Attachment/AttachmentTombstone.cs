namespace Messaging.Attachment;

/// <summary>
/// What a deletion still owes storage: written in the transaction that removes the attachment's row, removed once its
/// blob is gone. One the deletion's retries could not finish stays here for the sweep, so no blob is ever forgotten.
/// </summary>
public sealed class AttachmentTombstone
{
    private AttachmentTombstone()
    {
    }

    public AttachmentTombstone(Guid attachmentId, Guid tenantId, string storageKey, DateTime now)
    {
        AttachmentId = attachmentId;
        TenantId = tenantId;
        StorageKey = storageKey;
        CreatedAt = now;
    }

    public Guid AttachmentId { get; private set; }

    public Guid TenantId { get; private set; }

    public string StorageKey { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public int FailedAttempts { get; private set; }

    public string? LastError { get; private set; }

    public void RecordFailure(string error)
    {
        FailedAttempts++;
        LastError = error;
    }
}
