namespace Messaging.Attachment;

/// <summary>Where an uploaded file is on its way from the queue to a result; Completed and Failed are final.</summary>
public enum AttachmentStatus
{
    Queued,
    Processing,
    Completed,
    Failed
}
