using System.ComponentModel.DataAnnotations;

namespace Messaging.Messages;

public sealed class SendOneWayMessageDto
{
    [Required]
    public string? Recipient { get; set; }

    [Required]
    public MessageChannel? Channel { get; set; }

    [Required]
    public string? Content { get; set; }

    public MessagePriority? Priority { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}
