using Messaging.ExceptionHandling;

namespace Messaging.Messages;

/// <summary>The message reached Sending or later: a provider may already have it, so it can no longer be cancelled.</summary>
public sealed class MessageNotCancellableException(Guid trackingId, MessageStatus status)
    : StateConflictException(MessagingErrorCodes.MessageNotCancellable,
        $"Message '{trackingId}' is {status}: only Accepted and Queued messages can be cancelled.")
{
    public MessageStatus Status { get; } = status;

    public override IReadOnlyDictionary<string, string> ProblemExtensions { get; } = new Dictionary<string, string> { ["messageStatus"] = status.ToString() };
}
