namespace Messaging.Messages;

public enum MessageStatus
{
    Accepted,
    Queued,
    Sending,
    Sent,
    Delivered,
    Failed
}
