namespace Messaging.Attachment;

/// <summary>What an audit entry records; the log is append-only.</summary>
public enum AttachmentAuditAction
{
    Uploaded,
    DeleteRequested,
    BlobDeleted,
    BlobDeleteFailed,
    OrphanDetected,
    OrphanDeleted
}
