using Messaging.EventBus;

namespace Messaging.Messages.Ingestion;

/// <summary>
/// Answers like the real path but stores nothing: the ceiling the benchmark compares group commit against.
/// The host refuses to start with it outside the Bench environment.
/// </summary>
public sealed class NoOpIngestion : IMessageIngestion
{
    public Task<MessageAcceptedDto> IngestAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken) =>
        Task.FromResult(new MessageAcceptedDto(message.Id, MessageStatus.Accepted, message.AcceptedAt));

    public Task<IReadOnlyList<Task<MessageAcceptedDto>>> IngestManyAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Task<MessageAcceptedDto>>>(messages
            .Select(accepted => IngestAsync(accepted.Message, accepted.AcceptedEvent, cancellationToken))
            .ToList());
}
