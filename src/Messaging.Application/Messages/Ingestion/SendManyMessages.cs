using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Messaging.ExceptionHandling;
using Messaging.Idempotency;

namespace Messaging.Messages.Ingestion;

/// <summary>
/// Accepts up to <see cref="MessageConsts.MaxSendManyItems"/> messages in one request: each is validated as a single send
/// is, the valid ones enter the group commit together (all admitted or the request refused), and the answer lists every
/// message's tracking id or problem in request order. An idempotency key covers the whole request: each message gets a
/// key derived from it and its position, and a fingerprint of the whole request, so a retry with the same body finds the
/// same messages and any other body under that key is refused.
/// </summary>
public sealed class SendManyMessages(
    IMessageIngestion ingestion,
    IMessageRepository repository,
    MessageAcceptance acceptance,
    TimeProvider clock)
{
    public const string MessagesField = "messages";
    public const string MessageField = "message";

    public async Task<SendManyMessagesResultDto> SendAsync(Guid tenantId, SendManyMessagesDto input, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var items = ValidateRequest(input, idempotencyKey);
        var requestFingerprint = idempotencyKey is null ? null : Fingerprint(items);
        var acceptedAt = clock.GetUtcNow().UtcDateTime;
        var results = new SendManyItemResultDto[items.Count];
        var positions = new List<int>(items.Count);
        var valid = new List<AcceptedMessage>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var errors = item is null
                ? new Dictionary<string, string[]> { [MessageField] = ["A message object is required here."] }
                : SendOneWayMessageValidator.Validate(item, idempotencyKey: null);
            if (errors.Count > 0)
            {
                results[index] = Refused(index, StatusCodes.BadRequest, MessagingErrorCodes.ValidationFailed, "One or more fields are invalid.", errors);
                continue;
            }

            positions.Add(index);
            valid.Add(idempotencyKey is null
                ? acceptance.Accept(tenantId, item!, null, acceptedAt)
                : acceptance.Accept(tenantId, item!, ItemKey(idempotencyKey, index), acceptedAt, ItemFingerprint(requestFingerprint!, index)));
        }

        if (valid.Count > 0)
        {
            if (idempotencyKey is not null)
            {
                await RefuseReusedKeyAsync(valid[0].Message, idempotencyKey, cancellationToken);
            }

            var acknowledgements = await ingestion.IngestManyAsync(valid, cancellationToken);
            for (var i = 0; i < acknowledgements.Count; i++)
            {
                results[positions[i]] = await SettleAsync(positions[i], acknowledgements[i]);
            }
        }

        var accepted = results.Count(result => result.TrackingId is not null);
        return new SendManyMessagesResultDto(accepted, results.Length - accepted, results);
    }

    /// <summary>
    /// The key names one earlier request: if its first stored message has another fingerprint, this is a different request
    /// under a used key, refused as a whole before anything is stored.
    /// </summary>
    private async Task RefuseReusedKeyAsync(Message first, string idempotencyKey, CancellationToken cancellationToken)
    {
        var stored = await repository.FindByIdempotencyKeyAsync(first.IdempotencyKey!, cancellationToken);
        if (stored is not null && !first.IsRetryOf(stored.RequestHash))
        {
            throw IdempotencyKey.Reused(idempotencyKey);
        }
    }

    private static async Task<SendManyItemResultDto> SettleAsync(int index, Task<MessageAcceptedDto> acknowledgement)
    {
        try
        {
            var accepted = await acknowledgement;
            return new SendManyItemResultDto(index, accepted.TrackingId, accepted.Status, accepted.AcceptedAt, null);
        }
        catch (MessagingException refusal) when (StatusOf(refusal) is { } status)
        {
            return Refused(index, status, refusal.Code, refusal.Message, null);
        }
    }

    /// <summary>The status a single send would have answered for what befell this message after admission.</summary>
    private static int? StatusOf(MessagingException refusal) => refusal switch
    {
        UnprocessableRequestException => StatusCodes.UnprocessableEntity,
        ConcurrencyConflictException => StatusCodes.Conflict,
        TooManyRequestsException => StatusCodes.TooManyRequests,
        ServiceUnavailableException => StatusCodes.ServiceUnavailable,
        _ => null
    };

    private static SendManyItemResultDto Refused(int index, int status, string code, string title, IReadOnlyDictionary<string, string[]>? errors) =>
        new(index, null, null, null, new SendManyItemProblemDto(status, code, title, errors));

    private static List<SendOneWayMessageDto?> ValidateRequest(SendManyMessagesDto input, string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.Messages is not { Count: > 0 })
        {
            errors[MessagesField] = ["At least one message is required."];
        }
        else if (input.Messages.Count > MessageConsts.MaxSendManyItems)
        {
            errors[MessagesField] = [$"At most {MessageConsts.MaxSendManyItems} messages can be sent in one request; split the batch."];
        }

        // The request's key is checked as a single send's is; each message's own key is derived from it.
        IdempotencyKey.Validate(idempotencyKey, errors);

        return errors.Count > 0 ? throw new InputValidationException(errors) : input.Messages!;
    }

    /// <summary>
    /// A key per message that fits the column whatever the request key's length: a hash of the request key and the position.
    /// The prefix keeps derived keys apart from keys clients choose for single sends in practice.
    /// </summary>
    public static string ItemKey(string requestKey, int index) =>
        $"send-many:{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(requestKey))).TrimEnd('=').Replace('+', '-').Replace('/', '_')}:{index}";

    private static string ItemFingerprint(string requestFingerprint, int index) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{requestFingerprint}:{index}")));

    /// <summary>What the whole request asked for, invalid messages included, with defaults and metadata normalised as a single send's.</summary>
    private static string Fingerprint(List<SendOneWayMessageDto?> items)
    {
        var canonical = items.Select(item => item is null
            ? null
            : new CanonicalItem(item.Channel, item.Recipient, item.Content, item.Priority ?? MessagePriority.Normal,
                MessageAcceptance.CanonicalMetadata(item.Metadata)));
        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical)));
    }

    private sealed record CanonicalItem(MessageChannel? Channel, string? Recipient, string? Content, MessagePriority Priority, string? Metadata);

    private static class StatusCodes
    {
        public const int BadRequest = 400;
        public const int Conflict = 409;
        public const int UnprocessableEntity = 422;
        public const int TooManyRequests = 429;
        public const int ServiceUnavailable = 503;
    }
}
