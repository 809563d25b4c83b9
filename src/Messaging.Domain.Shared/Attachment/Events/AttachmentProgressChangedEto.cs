using Messaging.EventBus;

namespace Messaging.Attachment.Events;

/// <summary>
/// An attachment moved on its way to a result: queued at upload (0), processing (20, 50, 90), completed (100) or failed
/// for good (with the error). Written to the outbox with the change, so a live stream or a notifier can follow every job.
/// </summary>
[EventName("attachment.progress-changed")]
public sealed record AttachmentProgressChangedEto(Guid AttachmentId, int Percent, AttachmentStatus Status, string? Error) : IntegrationEvent;
