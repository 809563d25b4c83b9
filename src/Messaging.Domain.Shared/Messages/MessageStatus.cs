namespace Messaging.Messages;

public enum MessageStatus
{
    Accepted,
    Queued,
    Sending,
    Sent,
    Delivered,
    Failed,

    /// <summary>The tenant cancelled it before any provider heard of it; final.</summary>
    Cancelled
}
