using Messaging.EventBus;

namespace Messaging.Messages.Ingestion;

/// <summary>How an accepted message becomes durable; chosen by <c>HighThroughput:Ingestion:Mode</c>.</summary>
public interface IMessageIngestion
{
    /// <summary>Stores the message with its acceptance event (both or neither) and answers with its tracking id.</summary>
    Task<MessageAcceptedDto> IngestAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Takes all the messages or refuses them all (as <see cref="IngestAsync"/> refuses one), then answers with one
    /// acknowledgement per message, in order, each completing once that message is durable or failing on its own.
    /// </summary>
    Task<IReadOnlyList<Task<MessageAcceptedDto>>> IngestManyAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken);
}
