using Messaging.ExceptionHandling;

namespace Messaging.Channel;

/// <summary>An archived channel takes no posts (409) until it is unarchived.</summary>
public sealed class ChannelArchivedException(Guid channelId)
    : StateConflictException(ChannelErrorCodes.Archived, $"Channel '{channelId}' is archived and takes no posts.");

/// <summary>Only a delayed message still waiting can be cancelled (409); its status says what became of it.</summary>
public sealed class DelayedMessageNotCancellableException(Guid id, DelayedMessageStatus status)
    : StateConflictException(ChannelErrorCodes.DelayedMessageNotCancellable, $"Delayed message '{id}' is {status} and can no longer be cancelled.")
{
    public override IReadOnlyDictionary<string, string> ProblemExtensions { get; } =
        new Dictionary<string, string> { ["delayedMessageStatus"] = status.ToString() };
}
