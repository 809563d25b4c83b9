using System.Security.Cryptography;
using System.Text;
using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;
using Messaging.Idempotency;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Logging;

namespace Messaging.EmailQueue;

/// <summary>
/// Stores a validated email event, due for delivery at once, and answers only after the commit, so nothing is
/// acknowledged that is not stored; the commit wakes this instance's worker. A repeated idempotency key answers the
/// stored event, or 422 when it was used for another request.
/// </summary>
public sealed partial class EmailEventPublishing(
    ICurrentTenant currentTenant,
    IEmailEventRepository repository,
    IUnitOfWork unitOfWork,
    EmailQueueSignal signal,
    EmailQueueMetrics metrics,
    TimeProvider clock,
    ILogger<EmailEventPublishing> logger)
{
    public const string IdempotencyKeyField = IdempotencyKey.Field;

    public async Task<EmailEventAcceptedDto> PublishAsync(EmailPayload payload, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Id ?? throw new ForbiddenException("Email events belong to tenants: call with a tenant's API key.");
        var errors = new Dictionary<string, string[]>(payload.Validate(), StringComparer.Ordinal);
        IdempotencyKey.Validate(idempotencyKey, errors);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var payloadJson = EmailPayloadJson.Store(payload);
        var requestHash = Hash(payload.Type, payloadJson);
        var emailEvent = EmailEvent.Accept(tenantId, payload.Type, payload.To!, payloadJson, idempotencyKey, requestHash,
            clock.GetUtcNow().UtcDateTime);
        try
        {
            var stored = await unitOfWork.RunAsync(token => StoreAsync(emailEvent, token), cancellationToken);
            if (stored.Id == emailEvent.Id)
            {
                metrics.Published(payload.Type);
                LogPublished(logger, stored.Id, payload.Type, tenantId);
            }

            return Accepted(stored, requestHash);
        }
        catch (ConcurrencyConflictException) when (idempotencyKey is not null)
        {
            // Another request with the same key committed between our look-up and our insert.
            var stored = await repository.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException("An idempotency conflict was reported but no email event holds the key.");
            return Accepted(stored, requestHash);
        }
    }

    private async Task<EmailEvent> StoreAsync(EmailEvent emailEvent, CancellationToken cancellationToken)
    {
        if (emailEvent.IdempotencyKey is { } key && await repository.FindByIdempotencyKeyAsync(key, cancellationToken) is { } stored)
        {
            return stored;
        }

        // Queued in the publish's own commit: a hop through the outbox and a handler would cost every email two more
        // commits before a worker could take it (docs/benchmarks.md, outbound email).
        emailEvent.MarkQueued(emailEvent.AcceptedAt);
        repository.Add(emailEvent);
        unitOfWork.OnCommitted(signal.Notify);
        return emailEvent;
    }

    private static EmailEventAcceptedDto Accepted(EmailEvent stored, string requestHash)
    {
        if (!stored.IsRetryOf(requestHash))
        {
            throw IdempotencyKey.Reused(stored.IdempotencyKey);
        }

        return new EmailEventAcceptedDto(stored.Id, stored.Status, stored.AcceptedAt);
    }

    private static string Hash(EmailEventType type, string payloadJson) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\u001f{payloadJson}")));

    [LoggerMessage(Level = LogLevel.Information, Message = "Email event {EmailEventId} ({EmailEventType}) published for tenant {TenantId}")]
    private static partial void LogPublished(ILogger logger, Guid emailEventId, EmailEventType emailEventType, Guid tenantId);
}
