namespace Messaging.Attachment;

/// <summary>Codes of the Attachment module's problem documents.</summary>
public static class AttachmentErrorCodes
{
    public const string TooLarge = "Messaging:AttachmentTooLarge";
    public const string TypeNotAllowed = "Messaging:AttachmentTypeNotAllowed";
    public const string TypeMismatch = "Messaging:AttachmentTypeMismatch";
    public const string NoFile = "Messaging:AttachmentNoFile";
    public const string BlobStorageUnavailable = "Messaging:BlobStorageUnavailable";
    public const string LinkInvalid = "Messaging:AttachmentLinkInvalid";
    public const string NotCompleted = "Messaging:AttachmentNotCompleted";
}
