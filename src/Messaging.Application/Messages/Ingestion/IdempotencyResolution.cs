using Messaging.ExceptionHandling;

namespace Messaging.Messages.Ingestion;

/// <summary>What a send whose idempotency key was already stored answers: the stored id, or 422 for a different body.</summary>
public static class IdempotencyResolution
{
    public static UnprocessableRequestException KeyReused(string? idempotencyKey) => new(
        MessagingErrorCodes.IdempotencyKeyReused,
        $"The idempotency key '{idempotencyKey}' was already used for a different request.");
}
