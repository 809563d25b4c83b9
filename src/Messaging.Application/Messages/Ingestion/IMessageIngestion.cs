using Messaging.EventBus;

namespace Messaging.Messages.Ingestion;

/// <summary>How an accepted message becomes durable; chosen by <c>HighThroughput:Ingestion:Mode</c>.</summary>
public interface IMessageIngestion
{
    /// <summary>Stores the message with its acceptance event (both or neither) and answers with its tracking id.</summary>
    Task<MessageAcceptedDto> IngestAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken);
}
