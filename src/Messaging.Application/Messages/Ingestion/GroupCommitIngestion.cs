using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Ingestion;

/// <summary>Hands the message to the buffer and, in durable mode, waits until its batch committed.</summary>
public sealed class GroupCommitIngestion(
    MessageBuffer buffer,
    IOptionsMonitor<HighThroughputOptions> options,
    MessagingMetrics metrics) : IMessageIngestion
{
    public async Task<MessageAcceptedDto> IngestAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Buffer;
        var pending = new PendingMessage(message, acceptedEvent);
        var admission = buffer.TryEnqueue(pending);
        if (admission != BufferAdmission.Admitted)
        {
            metrics.Rejected(admission);
            throw Refusal(admission, settings.RetryAfter);
        }

        if (settings.Acknowledgement == AcknowledgementMode.Immediate)
        {
            return new MessageAcceptedDto(message.Id, MessageStatus.Accepted, message.AcceptedAt);
        }

        // A caller that gives up still has its message committed; a retry with the same idempotency key finds it.
        return await pending.Acknowledgement.WaitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<Task<MessageAcceptedDto>>> IngestManyAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Buffer;
        var batch = messages.Select(accepted => new PendingMessage(accepted.Message, accepted.AcceptedEvent)).ToList();
        var admission = buffer.TryEnqueueAll(batch);
        if (admission != BufferAdmission.Admitted)
        {
            metrics.Rejected(admission, batch.Count);
            throw Refusal(admission, settings.RetryAfter);
        }

        IReadOnlyList<Task<MessageAcceptedDto>> acknowledgements = settings.Acknowledgement == AcknowledgementMode.Immediate
            ? batch.Select(pending => Task.FromResult(new MessageAcceptedDto(pending.Message.Id, MessageStatus.Accepted, pending.Message.AcceptedAt))).ToList()
            : batch.Select(pending => pending.Acknowledgement.WaitAsync(cancellationToken)).ToList();
        return Task.FromResult(acknowledgements);
    }

    private static MessagingException Refusal(BufferAdmission admission, TimeSpan retryAfter) => admission switch
    {
        BufferAdmission.Backpressure => new TooManyRequestsException(MessagingErrorCodes.BufferBackpressure,
            "The message buffer is above its backpressure threshold; only High and Critical messages are accepted now.", retryAfter),
        BufferAdmission.Full => new ServiceUnavailableException(MessagingErrorCodes.BufferFull,
            "The message buffer is full.", retryAfter),
        _ => new ServiceUnavailableException(MessagingErrorCodes.ShuttingDown,
            "This instance is shutting down and accepts no new messages.", retryAfter)
    };
}
