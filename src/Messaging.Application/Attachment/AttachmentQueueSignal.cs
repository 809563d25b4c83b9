using Messaging.Threading;

namespace Messaging.Attachment;

/// <summary>Wakes the processing worker after an upload committed on this instance.</summary>
public sealed class AttachmentQueueSignal : WakeSignal;
