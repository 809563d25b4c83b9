namespace Messaging.Messages.Feed;

/// <summary>How many messages accepted in the bucket starting at <paramref name="BucketStart"/> (UTC) now have this status and channel.</summary>
public sealed record MessageCount(DateTime BucketStart, MessageStatus Status, MessageChannel Channel, int Count);
