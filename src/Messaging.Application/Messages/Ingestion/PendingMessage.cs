using System.Diagnostics;
using Messaging.EventBus;

namespace Messaging.Messages.Ingestion;

/// <summary>A message waiting in the buffer, with the promise its caller awaits.</summary>
public sealed class PendingMessage(Message message, OutboxMessage acceptedEvent)
{
    private readonly TaskCompletionSource<MessageAcceptedDto> _acknowledgement =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Message Message { get; } = message;

    public OutboxMessage AcceptedEvent { get; } = acceptedEvent;

    public AcceptedMessage Accepted => new(Message, AcceptedEvent);

    public long EnqueuedAtTimestamp { get; } = Stopwatch.GetTimestamp();

    /// <summary>The span the message was accepted in, if traced: the batch that commits it links to it and back.</summary>
    public Activity? AcceptedIn { get; } = Activity.Current;

    public Task<MessageAcceptedDto> Acknowledgement => _acknowledgement.Task;

    public void Acknowledge(Guid trackingId, DateTime acceptedAt) =>
        _acknowledgement.TrySetResult(new MessageAcceptedDto(trackingId, MessageStatus.Accepted, acceptedAt));

    public void Reject(Exception reason) => _acknowledgement.TrySetException(reason);
}
