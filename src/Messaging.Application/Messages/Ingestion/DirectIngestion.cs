using Messaging.EventBus;
using Messaging.Idempotency;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages.Ingestion;

/// <summary>The benchmark baseline: one insert and one commit per request, as a plain application service would do.</summary>
public sealed class DirectIngestion(IServiceScopeFactory scopeFactory, MessagingMetrics metrics, OutboxSignal outboxSignal) : IMessageIngestion
{
    public async Task<MessageAcceptedDto> IngestAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IMessageRepository>();
        if (await repository.TryInsertAsync(message, acceptedEvent, cancellationToken))
        {
            metrics.Committed(1);
            outboxSignal.Notify();
            return new MessageAcceptedDto(message.Id, MessageStatus.Accepted, message.AcceptedAt);
        }

        var existing = await repository.FindByIdempotencyKeyAsync(message.IdempotencyKey!, cancellationToken)
            ?? throw new InvalidOperationException("An idempotency conflict was reported but no message holds the key.");
        if (!message.IsRetryOf(existing.RequestHash))
        {
            throw IdempotencyKey.Reused(message.IdempotencyKey);
        }

        return new MessageAcceptedDto(existing.Id, MessageStatus.Accepted, existing.AcceptedAt);
    }

    /// <summary>One insert and commit per message, one after the other, as a plain loop over the single send would do.</summary>
    public async Task<IReadOnlyList<Task<MessageAcceptedDto>>> IngestManyAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken)
    {
        var acknowledgements = new List<Task<MessageAcceptedDto>>(messages.Count);
        foreach (var accepted in messages)
        {
            var acknowledgement = IngestAsync(accepted.Message, accepted.AcceptedEvent, cancellationToken);
            // Its failure is that message's own answer, read by the caller; the next message is still stored.
            await ((Task)acknowledgement).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            acknowledgements.Add(acknowledgement);
        }

        return acknowledgements;
    }
}
