using Messaging.Caching;
using Messaging.ExceptionHandling;
using Messaging.Messages.Ingestion;
using Messaging.MultiTenancy;

namespace Messaging.Messages;

public sealed class MessageAppService(
    ICurrentTenant currentTenant,
    IMessageIngestion ingestion,
    IMessageRepository repository,
    TenantCache cache,
    MessageAcceptance acceptance,
    SendManyMessages sendMany,
    MessageCancellation cancellation,
    TimeProvider clock) : IMessageAppService
{
    public async Task<MessageAcceptedDto> SendOneWayMessageAsync(SendOneWayMessageDto input, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var errors = SendOneWayMessageValidator.Validate(input, idempotencyKey);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        // Started before the acceptance event is made, so the event carries this span's context through the commit.
        using var span = MessagesTracing.StartAccept(tenantId);
        try
        {
            var accepted = acceptance.Accept(tenantId, input, idempotencyKey, clock.GetUtcNow().UtcDateTime);
            MessagesTracing.Describe(span, accepted.Message);
            return await ingestion.IngestAsync(accepted.Message, accepted.AcceptedEvent, cancellationToken);
        }
        catch (Exception exception)
        {
            MessagesTracing.Failed(span, exception);
            throw;
        }
    }

    public Task<SendManyMessagesResultDto> SendManyAsync(SendManyMessagesDto input, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        sendMany.SendAsync(RequireTenant(), input, idempotencyKey, cancellationToken);

    public Task<MessageStatusDto> CancelAsync(Guid trackingId, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        return cancellation.CancelAsync(trackingId, cancellationToken);
    }

    /// <summary>How long a status read may be served from the cache; clients that poll hit the database once per period.</summary>
    public static readonly TimeSpan StatusCacheDuration = TimeSpan.FromSeconds(1);

    public async Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        // An unknown id throws inside the factory, so "not found" is never cached.
        return await cache.GetOrCreateAsync(MessageStatusMapping.CacheKey(trackingId),
            token => new ValueTask<MessageStatusDto>(LoadStatusAsync(trackingId, token)), StatusCacheDuration, cancellationToken);
    }

    private async Task<MessageStatusDto> LoadStatusAsync(Guid trackingId, CancellationToken cancellationToken)
    {
        var message = await repository.FindWithHistoryAsync(trackingId, cancellationToken)
            ?? throw new EntityNotFoundException("Message", trackingId);
        return MessageStatusMapping.ToDto(message);
    }

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Messages belong to tenants: call with a tenant's API key.");
}
