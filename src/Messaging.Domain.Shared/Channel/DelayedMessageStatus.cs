namespace Messaging.Channel;

public enum DelayedMessageStatus
{
    /// <summary>Stored, waiting for its time.</summary>
    Waiting,

    /// <summary>Posted to its channel.</summary>
    Delivered,

    Cancelled,

    /// <summary>Its channel was archived or deleted before its time: it was not posted.</summary>
    Expired
}
