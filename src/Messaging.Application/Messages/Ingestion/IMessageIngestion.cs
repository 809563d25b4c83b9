namespace Messaging.Messages.Ingestion;

/// <summary>How an accepted message becomes durable; chosen by <c>HighThroughput:Ingestion:Mode</c>.</summary>
public interface IMessageIngestion
{
    Task<MessageAcceptedDto> IngestAsync(Message message, CancellationToken cancellationToken);
}
