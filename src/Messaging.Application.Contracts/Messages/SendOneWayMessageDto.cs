namespace Messaging.Messages;

public sealed class SendOneWayMessageDto
{
    public string? Recipient { get; set; }

    public MessageChannel? Channel { get; set; }

    public string? Content { get; set; }

    public MessagePriority? Priority { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}
