using System.Text.Json;
using Messaging.Caching;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.Messages.Events;
using Messaging.Messages.Ingestion;
using Messaging.MultiTenancy;

namespace Messaging.Messages;

public sealed class MessageAppService(
    ICurrentTenant currentTenant,
    IMessageIngestion ingestion,
    IMessageRepository repository,
    TenantCache cache,
    OutboxMessageFactory outbox,
    TimeProvider clock) : IMessageAppService
{
    public Task<MessageAcceptedDto> SendOneWayMessageAsync(SendOneWayMessageDto input, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var errors = SendOneWayMessageValidator.Validate(input, idempotencyKey);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var message = Message.Accept(
            tenantId,
            input.Channel!.Value,
            input.Recipient!,
            input.Content!,
            input.Priority ?? MessagePriority.Normal,
            CanonicalMetadata(input.Metadata),
            idempotencyKey,
            clock.GetUtcNow().UtcDateTime);
        var accepted = new MessageAcceptedEto(message.Id, message.Channel, message.Priority, message.AcceptedAt)
        {
            TenantId = tenantId,
            OccurredAt = message.AcceptedAt
        };
        return ingestion.IngestAsync(message, outbox.Create(accepted), cancellationToken);
    }

    /// <summary>How long a status read may be served from the cache; clients that poll hit the database once per period.</summary>
    public static readonly TimeSpan StatusCacheDuration = TimeSpan.FromSeconds(1);

    public async Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        // An unknown id throws inside the factory, so "not found" is never cached.
        return await cache.GetOrCreateAsync($"message-status:{trackingId:N}",
            token => new ValueTask<MessageStatusDto>(LoadStatusAsync(trackingId, token)), StatusCacheDuration, cancellationToken);
    }

    private async Task<MessageStatusDto> LoadStatusAsync(Guid trackingId, CancellationToken cancellationToken)
    {
        var message = await repository.FindWithHistoryAsync(trackingId, cancellationToken)
            ?? throw new EntityNotFoundException("Message", trackingId);
        var history = message.History
            .OrderBy(change => change.OccurredAt)
            .ThenBy(change => change.Status)
            .Select(change => new MessageStatusHistoryItemDto(change.Status, change.OccurredAt, change.Reason))
            .ToList();
        return new MessageStatusDto(message.Id, message.Status, message.Channel, message.Priority, message.AcceptedAt, history,
            message.DispatchAttempts, message.ProviderName, message.ProviderMessageId, message.FailureCode);
    }

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Messages belong to tenants: call with a tenant's API key.");

    /// <summary>Sorted keys, so the same metadata always fingerprints the same way.</summary>
    private static string? CanonicalMetadata(Dictionary<string, string>? metadata) =>
        metadata is not { Count: > 0 }
            ? null
            : JsonSerializer.Serialize(new SortedDictionary<string, string>(metadata, StringComparer.Ordinal));
}
