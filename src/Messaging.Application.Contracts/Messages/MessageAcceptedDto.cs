namespace Messaging.Messages;

public sealed record MessageAcceptedDto(Guid TrackingId, MessageStatus Status, DateTime AcceptedAt);
