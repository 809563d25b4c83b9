using Messaging.EventBus;
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
        if (!IdempotencyResolution.IsRetryOf(message, existing.RequestHash))
        {
            throw IdempotencyResolution.KeyReused(message.IdempotencyKey);
        }

        return new MessageAcceptedDto(existing.Id, MessageStatus.Accepted, existing.AcceptedAt);
    }
}
